//! Filtering speed: one keystroke's search over 10k, 100k and 1M articles.
//!
//! The articles are the sample corpus's, repeated with their people renamed and their dates
//! moved so that every copy has distinct names and headlines (as in a corpus of many pages).
//! Bodies are left out: the filter never reads them, and a million bodies would only measure
//! the allocator. "full" runs a query from scratch; "incremental" narrows from the result of
//! the query one character shorter, as typing does. "typing" replays keystroke sequences
//! (typing a query, then deleting it again) through the reader's search worker and reports
//! the median and 99th percentile of the time from a keystroke to its answer.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use papertui::model::{Article, PersonMention};
use papertui::search::Catalog;
use papertui::search::{Query, Scope};

use papertui::search::Worker;

#[path = "common/replay.rs"]
mod replay;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志新海波宁春晓文斌宇浩凯博龙飞林峰鑫瑞琳雪梅丹凤云慧颖佳欣怡晨阳光荣德福生永利兴东旭";

/// A deterministic name for copy `copy` of person number `person`.
fn fake_name(copy: usize, person: usize) -> String {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let k = copy * 131 + person * 17;
    [
        s[k % s.len()],
        g[(k / s.len()) % g.len()],
        g[(k / 7) % g.len()],
    ]
    .iter()
    .collect()
}

/// `n` articles made from the sample corpus, people renamed per copy.
pub fn corpus(n: usize) -> Vec<Article> {
    let base = papertui::corpus::sample();
    (0..n)
        .map(|i| {
            let copy = i / base.len();
            let mut a = base[i % base.len()].clone();
            let renames: Vec<(String, String)> = a
                .persons()
                .enumerate()
                .map(|(p, m)| (m.name.to_owned(), fake_name(copy, p)))
                .collect();
            let mut title = a.title().map(str::to_owned);
            for (old, new) in &renames {
                if let Some(t) = title.as_mut() {
                    *t = t.replace(old.as_str(), new);
                }
            }
            a.set_title(title.as_deref());
            let persons: Vec<PersonMention> = renames
                .into_iter()
                .zip(a.persons())
                .map(|((_, name), m)| PersonMention {
                    name,
                    role: m.role.map(str::to_owned),
                })
                .collect();
            a.set_persons(&persons);
            a.source = format!("{copy}/{}", a.source).into();
            a.set_date(Some(&format!("{:02}-{:02}", copy % 12 + 1, copy % 28 + 1)));
            let first = a.paragraphs().next().unwrap_or_default().to_owned();
            a.set_paragraphs(&[first]);
            a
        })
        .collect()
}

const QUERIES: &[(&str, &str, Scope)] = &[
    ("1 char", "会", Scope::All),
    ("2 chars", "会议", Scope::All),
    ("4 chars", "工作会议", Scope::All),
    ("pinyin initials", "ljc", Scope::All),
    ("person scope", "吕沛", Scope::Person),
    ("two words", "示范区 召开", Scope::All),
];

fn filter(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter");
    group.sample_size(20);
    for n in [10_000, 100_000, 1_000_000] {
        let store = Catalog::build(corpus(n));
        let cancel = AtomicBool::new(false);
        for &(label, text, scope) in QUERIES {
            let query = Query::parse(text, scope);
            group.bench_with_input(
                BenchmarkId::new(format!("full/{label}"), n),
                &query,
                |b, q| {
                    b.iter(|| black_box(store.search(q, None, &cancel)));
                },
            );
            let shorter: String = text.chars().take(text.chars().count() - 1).collect();
            if !shorter.trim().is_empty() {
                let previous = store.search(&Query::parse(&shorter, scope), None, &cancel);
                group.bench_with_input(
                    BenchmarkId::new(format!("incremental/{label}"), n),
                    &query,
                    |b, q| b.iter(|| black_box(store.search(q, previous.as_ref(), &cancel))),
                );
            }
        }
    }
    group.finish();
}

fn typing(c: &mut Criterion) {
    let mut group = c.benchmark_group("typing");
    group.sample_size(10);
    for n in [100_000, 1_000_000] {
        let store = Arc::new(Catalog::build(corpus(n)));
        let mut all = Vec::new();
        group.bench_function(BenchmarkId::new("sequence", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A fresh worker per sequence: nothing is kept from the previous replay.
                    let mut worker = Worker::spawn(Arc::clone(&store)).expect("thread");
                    let mut generation = 0;
                    let latencies = replay::replay(&mut worker, &mut generation);
                    total += latencies.iter().map(|(t, _)| *t).sum::<Duration>();
                    all.extend(latencies.into_iter().map(|(t, _)| t));
                }
                total
            });
        });
        all.sort();
        let at =
            |q: f64| all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)));
        println!(
            "typing/{n}: {} keystrokes, median {:?}, p99 {:?}, max {:?}",
            all.len(),
            at(0.5).copied().unwrap_or_default(),
            at(0.99).copied().unwrap_or_default(),
            all.last().copied().unwrap_or_default(),
        );
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    for n in [100_000, 1_000_000] {
        let articles = corpus(n);
        group.bench_function(format!("from_articles/{n}"), |b| {
            b.iter(|| black_box(Catalog::build(articles.clone())));
        });
        // The same without copying the articles in and freeing the store afterwards.
        group.bench_function(format!("build_only/{n}"), |b| {
            b.iter_batched(|| articles.clone(), Catalog::build, BatchSize::PerIteration);
        });
    }
    group.finish();
}

criterion_group!(benches, filter, typing, build);
criterion_main!(benches);
