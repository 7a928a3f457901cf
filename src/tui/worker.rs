//! The search worker: runs filter searches off the UI thread, newest request wins.
//!
//! Each request carries its own cancel flag; submitting a new one raises the previous flag,
//! which the search checks between chunks, and the worker skips requests already superseded
//! in its queue. Answers carry the request's generation so the UI can drop late ones.
//!
//! The last few answers are kept ([`Recent`]): deleting a character asks again for a query
//! answered a moment ago, which is then answered at once instead of searched again.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::app::SearchRequest;
use super::background::Background;
use crate::search::{self, Results};
use crate::store::{ArticleId, Store};

/// Runs one request against the store: narrows the previous results, or searches the given
/// candidates (bookmarks), or the person's articles, or everything. None when cancelled.
pub fn execute(store: &Store, req: &SearchRequest, cancel: &AtomicBool) -> Option<Results> {
    if let Some(prev) = req
        .previous
        .as_deref()
        .filter(|p| search::narrows(&p.query, &req.query))
    {
        return search::narrow(store, &req.query, prev, cancel);
    }
    if let Some(ids) = req.candidates.as_deref() {
        return store.search_within(&req.query, ids, cancel);
    }
    if let Some(person) = req.person {
        let ids: Vec<ArticleId> = store
            .articles_of_person(person)
            .iter()
            .map(|a| a.article)
            .collect();
        return store.search_within(&req.query, &ids, cancel);
    }
    store.search(&req.query, None, cancel)
}

/// Answers kept for repeated requests.
const RECENT_ANSWERS: usize = 16;
/// Hits kept over all recent answers at most (16 bytes each).
const RECENT_HITS: usize = 4_000_000;

/// The most recent answers with what they answered, newest last.
#[derive(Default)]
struct Recent {
    answers: VecDeque<(SearchRequest, Arc<Results>)>,
}

impl Recent {
    /// The answer to a request for the same query text, scope and candidates, if kept.
    fn get(&self, req: &SearchRequest) -> Option<Arc<Results>> {
        self.answers
            .iter()
            .rev()
            .find(|(r, _)| {
                r.query == req.query && r.person == req.person && r.candidates == req.candidates
            })
            .map(|(_, results)| Arc::clone(results))
    }

    /// Keeps `results` as the answer to `req`, forgetting the oldest answers beyond the limits.
    fn keep(&mut self, req: &SearchRequest, results: &Arc<Results>) {
        let key = SearchRequest {
            previous: None,
            ..req.clone()
        };
        self.answers.push_back((key, Arc::clone(results)));
        let mut hits: usize = self.answers.iter().map(|(_, r)| r.len()).sum();
        while self.answers.len() > RECENT_ANSWERS || (hits > RECENT_HITS && self.answers.len() > 1)
        {
            if let Some((_, old)) = self.answers.pop_front() {
                hits -= old.len();
            }
        }
    }
}

/// A job for the worker thread.
struct Job {
    request: SearchRequest,
    cancel: Arc<AtomicBool>,
}

/// Handle to the search thread.
pub struct Worker {
    jobs: Sender<Job>,
    answers: Receiver<(u64, Arc<Results>)>,
    current: Arc<AtomicBool>,
}

impl Worker {
    /// Starts the search thread over `store`.
    pub fn spawn(store: Arc<Store>) -> std::io::Result<Worker> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (answer_tx, answers) = mpsc::channel();
        thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(&store, &job_rx, &answer_tx))?;
        Ok(Worker {
            jobs,
            answers,
            current: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Cancels the running search and queues `request`.
    pub fn submit(&mut self, request: SearchRequest) {
        self.current.store(true, Ordering::Relaxed);
        self.current = Arc::new(AtomicBool::new(false));
        // A send fails only when the thread is gone; the UI then just keeps the old results.
        let _ = self.jobs.send(Job {
            request,
            cancel: Arc::clone(&self.current),
        });
    }

    /// A finished search, if one is waiting.
    pub fn poll(&self) -> Option<Background> {
        self.answers
            .try_recv()
            .ok()
            .map(|(generation, results)| Background::SearchDone(generation, results))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.current.store(true, Ordering::Relaxed);
    }
}

/// The thread's loop: take the newest job, answer it from the recent answers or run it, send
/// the answer unless cancelled.
fn serve(store: &Store, jobs: &Receiver<Job>, answers: &Sender<(u64, Arc<Results>)>) {
    let mut recent = Recent::default();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let results = match recent.get(&job.request) {
            Some(results) => results,
            None => match execute(store, &job.request, &job.cancel) {
                Some(results) => {
                    let results = Arc::new(results);
                    recent.keep(&job.request, &results);
                    results
                }
                None => continue,
            },
        };
        if answers.send((job.request.generation, results)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Kind};
    use crate::search::Query;
    use std::time::Duration;

    #[test]
    fn worker_answers_the_newest_request() {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.set_title(Some("会议召开"));
        let store = Arc::new(Store::from_articles(vec![a]));
        let mut worker = Worker::spawn(store).expect("thread");
        for (generation, q) in [(1, "x"), (2, "会议")] {
            worker.submit(SearchRequest {
                generation,
                query: Query::parse(q, Default::default()),
                person: None,
                previous: None,
                candidates: None,
            });
        }
        let mut last = None;
        for _ in 0..200 {
            if let Some(Background::SearchDone(g, r)) = worker.poll() {
                last = Some((g, r.len()));
                if g == 2 {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(last, Some((2, 1)));
    }

    #[test]
    fn a_repeated_request_gets_the_kept_answer() {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.set_title(Some("会议召开"));
        let store = Store::from_articles(vec![a]);
        let request = |q: &str| SearchRequest {
            generation: 1,
            query: Query::parse(q, Default::default()),
            person: None,
            previous: None,
            candidates: None,
        };
        let mut recent = Recent::default();
        let flag = AtomicBool::new(false);
        let first = Arc::new(execute(&store, &request("会议"), &flag).expect("ran"));
        recent.keep(&request("会议"), &first);
        let again = recent.get(&request("会议")).expect("kept");
        assert!(Arc::ptr_eq(&first, &again));
        assert!(recent.get(&request("会")).is_none());
        let mut other_scope = request("会议");
        other_scope.query = Query::parse("会议", crate::search::Scope::Person);
        assert!(recent.get(&other_scope).is_none());
    }
}
