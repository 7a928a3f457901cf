//! Tests of the article: packing, setters, deferred bodies.

use super::*;

#[test]
fn fields_round_trip_through_the_packed_form() {
    let text = ArticleText {
        title: Some("标题".into()),
        subtitle: Some(String::new()),
        date: Some("03-26".into()),
        reporters: vec!["甲".into(), "乙".into()],
        credits: vec!["丙".into()],
        persons: vec![
            PersonMention {
                name: "吕沛".into(),
                role: Some("市长".into()),
            },
            PersonMention {
                name: "卢和平".into(),
                role: None,
            },
        ],
        paragraphs: vec!["第一段。".into(), "第二段。".into()],
        ..ArticleText::default()
    };
    let mut a = Article::with_text("p.txt", 3, Kind::News, None, &text);
    assert_eq!(a.title(), Some("标题"));
    assert_eq!(a.kicker(), None);
    assert_eq!(a.subtitle(), Some(""));
    assert_eq!(a.date(), Some("03-26"));
    assert_eq!(a.reporters().collect::<Vec<_>>(), ["甲", "乙"]);
    assert_eq!(a.correspondents().len(), 0);
    assert_eq!(a.credits().collect::<Vec<_>>(), ["丙"]);
    let persons: Vec<PersonMention> = a.persons().map(PersonRef::to_owned).collect();
    assert_eq!(persons, text.persons);
    assert_eq!(a.body(), "第一段。\n第二段。");
    let (t, e, c) = a.packed_full().expect("not deferred");
    let back = Article::from_packed(
        a.source.clone(),
        3,
        Kind::News,
        None,
        (t.into(), e.into(), c),
        None,
    );
    assert_eq!(back.as_ref(), Some(&a));
    assert!(
        Article::from_packed(
            "p".into(),
            0,
            Kind::News,
            None,
            (t.into(), e.into(), [9; 5]),
            None
        )
        .is_none()
    );

    a.set_persons(&[]);
    a.set_region(Some("孟州市"));
    a.set_paragraphs(&["只一段"]);
    assert_eq!(a.persons().len(), 0);
    assert_eq!(a.region(), Some("孟州市"));
    assert_eq!(a.paragraphs().collect::<Vec<_>>(), ["只一段"]);
    assert_eq!(a.credits().collect::<Vec<_>>(), ["丙"]);
    assert_eq!(a.title(), Some("标题"));
}

/// Bodies kept in memory by position, counting reads; offsets it does not have fail.
struct MemoryBodies {
    bodies: Vec<PackedBody>,
    reads: std::sync::atomic::AtomicUsize,
}

impl BodyReader for MemoryBodies {
    fn read_body(&self, at: &BodyAt, paragraphs: u32) -> Result<PackedBody, String> {
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.bodies
            .get(at.offset as usize)
            .filter(|b| b.len() == paragraphs as usize)
            .cloned()
            .ok_or_else(|| format!("no body at {}", at.offset))
    }
}

fn sample() -> Article {
    let text = ArticleText {
        title: Some("标题".into()),
        reporters: vec!["甲".into()],
        persons: vec![PersonMention {
            name: "吕沛".into(),
            role: None,
        }],
        paragraphs: vec!["第一段。".into(), "".into(), "第三段。".into()],
        ..ArticleText::default()
    };
    Article::with_text("p.txt", 1, Kind::News, None, &text)
}

/// `article` with its paragraphs left in `reader` at `offset`.
fn deferred(article: &Article, reader: &Arc<MemoryBodies>, offset: u64) -> Article {
    let (t, e, c) = article.packed_head();
    let reader: Arc<dyn BodyReader> = reader.clone();
    let at = BodyAt {
        offset,
        len: 0,
        crc: 0,
    };
    Article::from_packed(
        article.source.clone(),
        article.ordinal,
        article.kind,
        None,
        (t.into(), e.into(), c),
        Some((reader, at)),
    )
    .expect("consistent head")
}

#[test]
fn a_deferred_body_is_read_once_when_asked_for() {
    let a = sample();
    let body = a.packed_body().expect("inline body");
    assert_eq!(body.text(), "第一段。第三段。");
    let reader = Arc::new(MemoryBodies {
        bodies: vec![body],
        reads: Default::default(),
    });
    let d = deferred(&a, &reader, 0);
    let reads = || reader.reads.load(std::sync::atomic::Ordering::Relaxed);
    assert!(d.body_is_deferred());
    assert_eq!(d.title(), Some("标题"));
    assert_eq!(d.person_names().collect::<Vec<_>>(), ["吕沛"]);
    assert_eq!(reads(), 0, "heads are read without the body");
    assert_eq!(d.paragraphs().count(), 0, "not read yet");
    assert_ne!(d, a, "a body on disk is not the body");
    assert_eq!(reads(), 0, "neither paragraphs nor comparing read it");
    assert_eq!(
        d.load_paragraphs().map(Iterator::collect::<Vec<_>>),
        Ok(vec!["第一段。", "", "第三段。"])
    );
    assert_eq!(d.body_error(), None);
    assert_eq!(d, a);
    assert!(d.load_paragraphs().is_ok());
    assert_eq!(reads(), 1);
    assert!(!d.body_is_deferred());
    let (t, e, c) = d.packed_head();
    assert_eq!((t, e, c), a.packed_head());
    assert!(d.packed_full().is_none());
}

#[test]
fn an_unreadable_body_is_an_error_not_a_panic_and_setters_keep_it() {
    let a = sample();
    let reader = Arc::new(MemoryBodies {
        bodies: Vec::new(),
        reads: Default::default(),
    });
    let mut d = deferred(&a, &reader, 7);
    assert_eq!(d.body_error(), None, "not tried yet");
    assert_eq!(d.load_paragraphs().err(), Some("no body at 7"));
    assert_eq!(d.paragraphs().count(), 0);
    assert_eq!(d.body_error(), Some("no body at 7"));
    assert!(d.packed_body().is_err());
    assert_ne!(d, a);
    d.set_region(Some("孟州市"));
    assert_eq!(d.region(), Some("孟州市"));
    assert_eq!(
        d.body_error(),
        Some("no body at 7"),
        "the head changed alone"
    );
    d.set_paragraphs(&["新的一段。"]);
    assert_eq!(d.body_error(), None);
    assert_eq!(d.paragraphs().collect::<Vec<_>>(), ["新的一段。"]);
    assert_eq!(d.persons().len(), 1);
}

#[test]
fn packed_bodies_must_cover_their_text() {
    let body = |t: &str, e: &[u32]| PackedBody::from_parts(t, e);
    assert!(body("一二", &[3, 6]).is_some());
    assert!(body("", &[]).is_some());
    assert!(body("一二", &[3]).is_none(), "text left over");
    assert!(body("一二", &[2, 6]).is_none(), "not a character boundary");
    assert!(body("一二", &[6, 3]).is_none(), "out of order");
    assert!(body("一二", &[3, 9]).is_none(), "past the end");
}
