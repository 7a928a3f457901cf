//! The search worker: runs filter searches off the UI thread, newest request wins.
//!
//! Each request carries its own cancel flag; submitting a new one raises the previous flag,
//! which the search checks between chunks, and the worker skips requests already superseded
//! in its queue. Answers carry the request's generation so the UI can drop late ones.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::action::Action;
use super::app::SearchRequest;
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
        let ids: Vec<ArticleId> = prev.hits.iter().map(|h| h.id).collect();
        return store.search_within(&req.query, &ids, cancel);
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
    pub fn poll(&self) -> Option<Action> {
        self.answers
            .try_recv()
            .ok()
            .map(|(generation, results)| Action::SearchDone(generation, results))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.current.store(true, Ordering::Relaxed);
    }
}

/// The thread's loop: take the newest job, run it, send the answer unless cancelled.
fn serve(store: &Store, jobs: &Receiver<Job>, answers: &Sender<(u64, Arc<Results>)>) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        if let Some(results) = execute(store, &job.request, &job.cancel)
            && answers
                .send((job.request.generation, Arc::new(results)))
                .is_err()
        {
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
        a.title = Some("会议召开".into());
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
            if let Some(Action::SearchDone(g, r)) = worker.poll() {
                last = Some((g, r.len()));
                if g == 2 {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(last, Some((2, 1)));
    }
}
