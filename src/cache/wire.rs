//! The entry's layout on disk: chunks of article heads and bodies, the header, and their encoding.

use super::bodies::EntryBodies;
use super::file::{invalid, read_at_into};
use super::stamps::{FileStamp, Fingerprint};
use super::{CHUNK_ARTICLES, CHUNKS_IN_FLIGHT, END_MAGIC, FORMAT_VERSION, MAGIC, PREFIX_LEN};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{
    Article, BodyAt, BodyReader, Doubts, Kind, PARAGRAPH_COUNT, PackedBody, PageHeader,
};

/// Position and check of one chunk in the file: its heads, then its bodies.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(in crate::cache) struct ChunkInfo {
    pub(in crate::cache) offset: u64,
    pub(in crate::cache) len: u64,
    pub(in crate::cache) crc: u32,
    pub(in crate::cache) articles: u32,
    pub(in crate::cache) bodies_len: u64,
}

/// Where a body is within its chunk's bodies: offset, length and crc32 of its bytes.
pub(in crate::cache) type WireBody = (u32, u32, u32);

/// Everything but the articles; written after the chunks.
#[derive(Debug, Serialize, Deserialize)]
pub(in crate::cache) struct Header {
    pub(in crate::cache) stamps: Vec<FileStamp>,
    pub(in crate::cache) failed: Vec<Vec<u8>>,
    pub(in crate::cache) pages: Vec<PageHeader>,
    pub(in crate::cache) sources: Vec<String>,
    pub(in crate::cache) chunks: Vec<ChunkInfo>,
}

/// An article's source and page as indexes into the header's tables.
pub(in crate::cache) type Refs = (u32, Option<u32>);

/// An article as written: its text in the packed form of [`Article`], page and source as
/// table indexes.
///
/// Field order must match [`WireArticleIn`]: postcard is positional.
#[derive(Serialize)]
pub(in crate::cache) struct WireArticleOut<'a> {
    pub(in crate::cache) source: u32,
    pub(in crate::cache) ordinal: u32,
    pub(in crate::cache) kind: Kind,
    pub(in crate::cache) doubts: Doubts,
    pub(in crate::cache) page: Option<u32>,
    pub(in crate::cache) counts: [u32; 5],
    pub(in crate::cache) ends: Cow<'a, [u32]>,
    pub(in crate::cache) text: Cow<'a, str>,
    pub(in crate::cache) body: Option<WireBody>,
}

/// An article as read back, its text borrowed from the chunk; see [`WireArticleOut`].
///
/// The text is read as bytes (postcard writes a string and bytes alike) and checked with a
/// vectorised UTF-8 validator: checking a million articles' text is most of a reopen's work
/// otherwise.
#[derive(Deserialize)]
pub(in crate::cache) struct WireArticleIn<'a> {
    pub(in crate::cache) source: u32,
    pub(in crate::cache) ordinal: u32,
    pub(in crate::cache) kind: Kind,
    pub(in crate::cache) doubts: Doubts,
    pub(in crate::cache) page: Option<u32>,
    pub(in crate::cache) counts: [u32; 5],
    pub(in crate::cache) ends: Vec<u32>,
    #[serde(borrow)]
    pub(in crate::cache) text: &'a [u8],
    pub(in crate::cache) body: Option<WireBody>,
}

/// What the articles of a chunk refer to, and where deferred bodies are read from.
pub(in crate::cache) struct Tables<'a> {
    pub(in crate::cache) pages: &'a [Arc<PageHeader>],
    pub(in crate::cache) sources: &'a [Arc<str>],
    pub(in crate::cache) deferred: Option<Arc<EntryBodies>>,
}

/// Checks one body's bytes and splits them: `paragraphs` ends (u32 each), then the text.
pub(in crate::cache) fn split_body(
    bytes: &[u8],
    crc: u32,
    paragraphs: u32,
) -> Result<(&[u8], &str), String> {
    if crc32fast::hash(bytes) != crc {
        return Err("body checksum mismatch".into());
    }
    let (ends, text) = bytes
        .split_at_checked((paragraphs as usize).saturating_mul(4))
        .ok_or("short body")?;
    let text = simdutf8::basic::from_utf8(text).map_err(|_| "body text is not UTF-8")?;
    Ok((ends, text))
}

/// The little-endian u32s of `bytes`.
pub(in crate::cache) fn ends_from(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// An article's one text buffer from its head's text and its body's: the body's paragraph
/// ends, counted from the body's start, are appended to the head's `ends`.
pub(in crate::cache) fn join_body(
    head: &str,
    ends: &mut Vec<u32>,
    body_ends: impl Iterator<Item = u32>,
    body: &str,
) -> Box<str> {
    let base = u32::try_from(head.len()).unwrap_or(u32::MAX);
    ends.extend(body_ends.map(|e| e.saturating_add(base)));
    let mut joined = String::with_capacity(head.len() + body.len());
    joined.push_str(head);
    joined.push_str(body);
    joined.into_boxed_str()
}

/// Checks and decodes one body (see [`split_body`]).
pub(in crate::cache) fn decode_body(
    bytes: &[u8],
    crc: u32,
    paragraphs: u32,
) -> Result<PackedBody, String> {
    let (ends, text) = split_body(bytes, crc, paragraphs)?;
    PackedBody::from_parts(text, ends_from(ends).collect::<Vec<u32>>())
        .ok_or_else(|| "inconsistent body".into())
}

/// Appends the encoding of `body` to `out` (see [`decode_body`]).
pub(in crate::cache) fn encode_body(body: &PackedBody, out: &mut Vec<u8>) {
    for e in body.ends() {
        out.extend_from_slice(&e.to_le_bytes());
    }
    out.extend_from_slice(body.text().as_bytes());
}

/// Reads, checks and decodes one chunk (own file handle, so chunks load in parallel).
pub(in crate::cache) fn read_chunk(
    path: &Path,
    chunk: &ChunkInfo,
    tables: &Tables<'_>,
    buf: &mut Vec<u8>,
) -> io::Result<Vec<Article>> {
    let mut file = crate::regular::open(path)?;
    let heads_and_bodies = chunk
        .len
        .checked_add(if tables.deferred.is_some() {
            0
        } else {
            chunk.bodies_len
        })
        .ok_or_else(|| invalid("chunk out of bounds"))?;
    let bytes = read_at_into(&mut file, chunk.offset, heads_and_bodies, buf)?;
    let (heads, bodies) = bytes.split_at(bytes.len().min(chunk.len as usize));
    if crc32fast::hash(heads) != chunk.crc {
        return Err(invalid("chunk checksum mismatch"));
    }
    let wire: Vec<WireArticleIn<'_>> =
        postcard::from_bytes(heads).map_err(|e| invalid(e.to_string()))?;
    if wire.len() != chunk.articles as usize {
        return Err(invalid("chunk article count mismatch"));
    }
    let bodies_at = chunk.offset + chunk.len;
    wire.into_iter()
        .map(|w| {
            let source = tables
                .sources
                .get(w.source as usize)
                .ok_or_else(|| invalid("bad source index"))?
                .clone();
            let page = match w.page {
                None => None,
                Some(i) => Some(Arc::clone(
                    tables
                        .pages
                        .get(i as usize)
                        .ok_or_else(|| invalid("bad page index"))?,
                )),
            };
            let head = simdutf8::basic::from_utf8(w.text)
                .map_err(|_| invalid("article text is not UTF-8"))?;
            let mut text = None;
            let mut ends = w.ends;
            let mut deferred = None;
            if let Some((offset, len, crc)) = w.body {
                let end = u64::from(offset) + u64::from(len);
                if end > chunk.bodies_len {
                    return Err(invalid("body out of bounds"));
                }
                let at = BodyAt {
                    offset: bodies_at + u64::from(offset),
                    len,
                    crc,
                };
                match &tables.deferred {
                    Some(reader) => {
                        deferred = Some((Arc::clone(reader) as Arc<dyn BodyReader>, at));
                    }
                    None => {
                        // Head and body are joined into the article's one buffer.
                        let bytes = bodies
                            .get(offset as usize..end as usize)
                            .ok_or_else(|| invalid("body out of bounds"))?;
                        let (body_ends, body) =
                            split_body(bytes, crc, w.counts[PARAGRAPH_COUNT]).map_err(invalid)?;
                        text = Some(join_body(head, &mut ends, ends_from(body_ends), body));
                    }
                }
            }
            Article::from_packed(
                source,
                w.ordinal,
                w.kind,
                page,
                (
                    text.unwrap_or_else(|| head.into()),
                    ends.into_boxed_slice(),
                    w.counts,
                ),
                deferred,
            )
            .map(|mut article| {
                article.doubts = w.doubts;
                article
            })
            .ok_or_else(|| invalid("inconsistent article text"))
        })
        .collect()
}

/// Streams the whole entry into `tmp` and syncs it.
pub(in crate::cache) fn write_entry(
    tmp: &Path,
    fingerprint: &Fingerprint,
    articles: &[Article],
    failed: &[Vec<u8>],
) -> io::Result<()> {
    // Tables: one entry per distinct page header (by identity) and per source path.
    let mut page_ids: HashMap<*const PageHeader, u32> = HashMap::new();
    let mut pages: Vec<PageHeader> = Vec::new();
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    let mut sources: Vec<String> = Vec::new();
    let mut refs: Vec<Refs> = Vec::with_capacity(articles.len());
    for a in articles {
        let source = *source_ids.entry(&a.source).or_insert_with(|| {
            sources.push(a.source.to_string());
            (sources.len() - 1) as u32
        });
        let page = a.page.as_ref().map(|p| {
            *page_ids.entry(Arc::as_ptr(p)).or_insert_with(|| {
                pages.push(PageHeader::clone(p));
                (pages.len() - 1) as u32
            })
        });
        refs.push((source, page));
    }

    let file = File::create(tmp)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&0u32.to_le_bytes())?;
    let mut offset = PREFIX_LEN;
    let mut chunks = Vec::new();
    let all: Vec<(&[Article], &[Refs])> = articles
        .chunks(CHUNK_ARTICLES)
        .zip(refs.chunks(CHUNK_ARTICLES))
        .collect();
    for batch in all.chunks(CHUNKS_IN_FLIGHT) {
        let encoded: Vec<(Vec<u8>, Vec<u8>)> = batch
            .par_iter()
            .map(|(arts, refs)| encode_chunk(arts, refs))
            .collect::<io::Result<_>>()?;
        for ((heads, bodies), (arts, _)) in encoded.iter().zip(batch) {
            out.write_all(heads)?;
            out.write_all(bodies)?;
            chunks.push(ChunkInfo {
                offset,
                len: heads.len() as u64,
                crc: crc32fast::hash(heads),
                articles: arts.len() as u32,
                bodies_len: bodies.len() as u64,
            });
            offset += (heads.len() + bodies.len()) as u64;
        }
    }
    let header = Header {
        stamps: fingerprint.stamps.clone(),
        failed: failed.to_vec(),
        pages,
        sources,
        chunks,
    };
    let bytes = postcard::to_stdvec(&header).map_err(|e| invalid(e.to_string()))?;
    out.write_all(&bytes)?;
    out.write_all(&offset.to_le_bytes())?;
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
    out.write_all(END_MAGIC)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()
}

/// Encodes one chunk of articles with their table indexes: their heads, and the bodies of the
/// titled ones.
pub(in crate::cache) fn encode_chunk(
    articles: &[Article],
    refs: &[Refs],
) -> io::Result<(Vec<u8>, Vec<u8>)> {
    let mut bodies = Vec::new();
    let mut wire: Vec<WireArticleOut<'_>> = Vec::with_capacity(articles.len());
    for (a, &(source, page)) in articles.iter().zip(refs) {
        let titled = a.title().is_some_and(|t| !t.trim().is_empty());
        let (text, ends, body): (Cow<'_, str>, Cow<'_, [u32]>, _) = match a.packed_full() {
            Some((text, ends, _)) if !titled => (text.into(), ends.into(), None),
            _ => {
                let (text, ends, _) = a.packed_head();
                let packed = a.packed_body().map_err(invalid)?;
                if titled {
                    let start = bodies.len();
                    encode_body(&packed, &mut bodies);
                    let bytes = bodies.get(start..).unwrap_or(&[]);
                    let too_large = || invalid("article body too large for the cache");
                    let body = (
                        u32::try_from(start).map_err(|_| too_large())?,
                        u32::try_from(bytes.len()).map_err(|_| too_large())?,
                        crc32fast::hash(bytes),
                    );
                    (text.into(), ends.into(), Some(body))
                } else {
                    let mut ends = ends.to_vec();
                    let body_ends = packed.ends().iter().copied();
                    let text = join_body(text, &mut ends, body_ends, packed.text());
                    (String::from(text).into(), ends.into(), None)
                }
            }
        };
        wire.push(WireArticleOut {
            source,
            ordinal: a.ordinal,
            kind: a.kind,
            doubts: a.doubts,
            page,
            counts: a.packed_head().2,
            ends,
            text,
            body,
        });
    }
    let heads = postcard::to_stdvec(&wire).map_err(|e| invalid(e.to_string()))?;
    Ok((heads, bodies))
}
