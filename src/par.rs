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
/// on every core, a window of `window` pieces at a time (so that the
/// document is never all in memory at once).
pub fn write_in_order<T: Sync, R: AsRef<[u8]> + Send>(
    pieces: &[T],
    window: usize,
    out: &mut dyn std::io::Write,
    render: impl Fn(&T) -> std::io::Result<R> + Sync,
) -> std::io::Result<()> {
    for window in pieces.chunks(window.max(1)) {
        for piece in parallel_map(window, &render) {
            out.write_all(piece?.as_ref())?;
        }
    }
    Ok(())
}
