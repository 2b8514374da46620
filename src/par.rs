//! Work spread over every core, for the merge and its documents.

/// Runs `f` over `items` on every core, keeping the order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    parallel_map_with(items, || (), |(), item| f(item))
}

/// [`parallel_map`] over items it owns, each handed whole to `f` (to be
/// changed in place and kept, say).
pub fn parallel_map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let slots: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|item| std::sync::Mutex::new(Some(item)))
        .collect();
    parallel_map(&slots, |slot| {
        let mut slot = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(slot.take().expect("parallel_map hands out each item once"))
    })
}

/// [`parallel_map`] with a scratch value per core, made by `scratch`
/// (a buffer used again for every item, say).
pub fn parallel_map_with<T: Sync, S, R: Send>(
    items: &[T],
    scratch: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if threads <= 1 {
        let mut s = scratch();
        return items.iter().map(|item| f(&mut s, item)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    let mut state = scratch();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(&mut state, item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a merge worker does not panic"))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

/// Writes the pieces of a document in order, each rendered by `render`
/// into a buffer on every core. This thread writes the pieces done, in
/// order, and renders one itself whenever the next to write is not done
/// yet; so there is one busy thread per core whether writing costs much
/// (a file, a pipe) or nothing. At most a few pieces per core are done and
/// not yet written (the document is never all in memory at once), and
/// their buffers are used again (they stay in the cache).
pub fn write_in_order<T: Sync>(
    pieces: &[T],
    out: &mut dyn std::io::Write,
    render: impl Fn(&T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pieces.len());
    let ahead = 4 * threads;

    /// What the threads share.
    struct State {
        /// Pieces rendered and not yet written, by index.
        done: BTreeMap<usize, std::io::Result<Vec<u8>>>,
        /// How many pieces are written.
        written: usize,
        /// Buffers written out, to render into again.
        spare: Vec<Vec<u8>>,
        /// Writing failed, or a worker panicked: everyone stops.
        stop: bool,
    }
    let state = Mutex::new(State {
        done: BTreeMap::new(),
        written: 0,
        spare: Vec::new(),
        stop: false,
    });
    let changed = Condvar::new();
    let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
    let wait = |guard| changed.wait(guard).unwrap_or_else(PoisonError::into_inner);
    // The next piece to render; pieces are taken in order.
    let next = AtomicUsize::new(0);
    // Renders piece `i` into a spare buffer and hands it in.
    let render_one = |i: usize, piece: &T| {
        let mut buf = lock().spare.pop().unwrap_or_default();
        buf.clear();
        let rendered = render(piece, &mut buf).map(|()| buf);
        lock().done.insert(i, rendered);
        changed.notify_all();
    };

    /// Stops everyone if the thread holding it panics (the others would
    /// otherwise wait for it forever).
    struct StopOnPanic<'s>(&'s Mutex<State>, &'s Condvar);
    impl Drop for StopOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
                self.1.notify_all();
            }
        }
    }

    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(|| {
                let _guard = StopOnPanic(&state, &changed);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(piece) = pieces.get(i) else { break };
                    // Too far ahead of the writing: wait. (The piece to
                    // write next never waits: it is taken before any other.)
                    let mut st = lock();
                    while i >= st.written + ahead && !st.stop {
                        st = wait(st);
                    }
                    if st.stop {
                        break;
                    }
                    drop(st);
                    render_one(i, piece);
                }
            });
        }
        // This thread renders too: if it panics, the workers must stop.
        let _guard = StopOnPanic(&state, &changed);
        for i in 0..pieces.len() {
            let piece = {
                let mut st = lock();
                loop {
                    if let Some(piece) = st.done.remove(&i) {
                        break Some(piece);
                    }
                    if st.stop {
                        // A worker panicked: the scope passes its panic on.
                        break None;
                    }
                    // Not done yet: render the next piece here, if one is
                    // left and not too far ahead; else wait for it.
                    if next.load(Ordering::Relaxed) < i + ahead {
                        let j = next.fetch_add(1, Ordering::Relaxed);
                        if let Some(piece) = pieces.get(j) {
                            drop(st);
                            render_one(j, piece);
                            st = lock();
                            continue;
                        }
                    }
                    st = wait(st);
                }
            };
            let Some(piece) = piece else { break };
            let written = piece.and_then(|buf| out.write_all(&buf).map(|()| buf));
            let mut st = lock();
            match written {
                Ok(buf) => {
                    st.written = i + 1;
                    st.spare.push(buf);
                    drop(st);
                    changed.notify_all();
                }
                Err(e) => {
                    st.stop = true;
                    drop(st);
                    changed.notify_all();
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::write_in_order;
    use std::io::Write;

    #[test]
    fn pieces_are_written_in_order() {
        for n in [0, 1, 2, 3, 17, 200] {
            let pieces: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            write_in_order(&pieces, &mut out, |&i, b| {
                // Uneven work, so that pieces are done out of order.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                write!(b, "{i},")
            })
            .unwrap();
            let want: String = pieces.iter().map(|i| format!("{i},")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
    }

    #[test]
    fn a_failure_stops_the_writing() {
        let pieces: Vec<usize> = (0..100).collect();
        let mut out = Vec::new();
        let e = write_in_order(&pieces, &mut out, |&i, b| {
            if i == 40 {
                return Err(std::io::Error::other("piece 40"));
            }
            write!(b, "{i},")
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "piece 40");
        let want: String = (0..40).map(|i| format!("{i},")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), want);

        // A writer that fails: the error, and no more pieces rendered for it.
        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::other("full"));
                }
                self.0 -= 1;
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let e = write_in_order(&pieces, &mut Full(10), |&i, b| write!(b, "{i}")).unwrap_err();
        assert_eq!(e.to_string(), "full");
    }

    #[test]
    #[should_panic]
    fn a_panic_while_rendering_is_passed_on() {
        let pieces: Vec<usize> = (0..50).collect();
        let _ = write_in_order(&pieces, &mut Vec::new(), |&i, b| {
            assert_ne!(i, 5, "piece 5");
            write!(b, "{i}")
        });
    }
}
