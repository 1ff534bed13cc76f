// Node 20 has no Promise.withResolvers (added in Node 22); js-libp2p 3.x calls it.
// Imported before anything else so that every module sees it.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers () {
    let resolve
    let reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
