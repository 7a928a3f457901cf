//! Drawing speed: one frame of the list and of the reader, at 100k and 1M articles.
//!
//! The store holds the sample corpus's articles repeated, bodies included (the reader wraps
//! them); a frame is drawn into a fresh buffer as the terminal backend would receive it.
//! Only the visible rows are ever read, so the size of the corpus should not matter: the
//! benchmarks show that it does not, also with a filter of hundreds of thousands of hits
//! scrolled to its middle (which reads past the hits ranked at once).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use papertui::search::Catalog;
use papertui::tui::{Action, App, TuiOptions, update};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The sample's articles repeated to `n`.
fn store(n: usize) -> Arc<Catalog> {
    let base = papertui::corpus::sample();
    let articles = (0..n).map(|i| base[i % base.len()].clone()).collect();
    Arc::new(Catalog::build(articles))
}

/// An app of `w`×`h` over `store` after `actions` (searches run synchronously).
fn app(store: &Arc<Catalog>, w: u16, h: u16, actions: &[Action]) -> App {
    let mut app = App::new(Arc::clone(store), &TuiOptions::default());
    update::start(&mut app);
    update::update(&mut app, Action::Resize(w, h));
    for a in actions {
        update::update(&mut app, a.clone());
        update::settle(&mut app);
    }
    app
}

/// One frame of `app` drawn into a `w`×`h` buffer.
fn frame(app: &App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    buf
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for n in [100_000, 1_000_000] {
        let store = store(n);
        let typed: Vec<Action> = "会议".chars().map(Action::Insert).collect();
        let mut filtered = vec![Action::EditFilter];
        filtered.extend(typed);
        filtered.extend([Action::LeaveInput]);
        filtered.extend(std::iter::repeat_n(Action::PageDown, 2_000));
        let screens: [(&str, Vec<Action>); 3] = [
            ("list", vec![Action::Down, Action::Down]),
            ("reader", vec![Action::Down, Action::Open, Action::PageDown]),
            ("filtered list, scrolled", filtered),
        ];
        for (w, h) in [(120u16, 40u16), (80, 24)] {
            for (name, actions) in &screens {
                let app = app(&store, w, h, actions);
                group.bench_with_input(
                    BenchmarkId::new(format!("{name} {w}x{h}"), n),
                    &app,
                    |b, app| b.iter(|| black_box(frame(app, w, h))),
                );
            }
        }
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
