// Gossipsub (@libp2p/gossipsub 17.1.1) for peer.mjs: options, message ids compatible with the JVM
// test host, and one JSON line per gossip event.
import { gossipsub } from '@libp2p/gossipsub'
import { createHash } from 'node:crypto'

// Teku-style content id (StrictNoSign): SHA-256(0x01000000 ++ u64le(len(topic)) ++ topic ++ data)[:20]
export function contentMsgId (msg) {
  const topic = Buffer.from(msg.topic, 'utf8')
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(topic.length))
  const h = createHash('sha256')
  h.update(Buffer.from([1, 0, 0, 0])).update(len).update(topic).update(msg.data ?? new Uint8Array(0))
  return new Uint8Array(h.digest().subarray(0, 20))
}

// jvm-libp2p's default id (StrictSign): the origin's peer-id multihash ++ the 8-byte seqno
export function jvmSignedMsgId (msg) {
  if (msg.type !== 'signed') throw new Error('expected a signed message')
  const from = msg.from.toMultihash().bytes
  const seq = Buffer.alloc(8)
  seq.writeBigUInt64BE(BigInt.asUintN(64, msg.sequenceNumber))
  const id = new Uint8Array(from.length + 8)
  id.set(from, 0)
  id.set(seq, from.length)
  return id
}

export function gossipService (opts) {
  const noSign = opts.signPolicy === 'nosign'
  return gossipsub({
    globalSignaturePolicy: noSign ? 'StrictNoSign' : 'StrictSign',
    msgIdFn: noSign ? contentMsgId : jvmSignedMsgId,
    heartbeatInterval: opts.heartbeatMs,
    emitSelf: false
  })
}

const hex = (b) => Buffer.from(b).toString('hex')
const text = (b) => Buffer.from(b.subarray(0, 64)).toString('utf8').replace(/[^\x20-\x7e]/g, '?')

// Subscribes, reports gossip events, and publishes on `publish TOPIC SIZE TEXT` lines from stdin.
export function attachGossip (node, opts, emit, errorInfo) {
  const ps = node.services.pubsub
  ps.addEventListener('subscription-change', (evt) => {
    for (const s of evt.detail.subscriptions) {
      emit({ event: 'gossip-subscription', peerId: evt.detail.peerId.toString(), topic: s.topic, subscribe: s.subscribe })
    }
  })
  ps.addEventListener('gossipsub:graft', (evt) => {
    emit({ event: 'gossip-graft', peerId: evt.detail.peerId, topic: evt.detail.topic, direction: evt.detail.direction })
  })
  ps.addEventListener('gossipsub:prune', (evt) => {
    emit({ event: 'gossip-prune', peerId: evt.detail.peerId, topic: evt.detail.topic, direction: evt.detail.direction })
  })
  ps.addEventListener('gossipsub:message', (evt) => {
    const { propagationSource, msgId, msg } = evt.detail
    emit({
      event: 'gossip-message',
      from: propagationSource.toString(),
      origin: msg.type === 'signed' ? msg.from.toString() : null,
      topic: msg.topic,
      msgId: Buffer.from(msgId, 'base64').toString('hex'),
      size: msg.data.length,
      text: text(msg.data)
    })
  })
  for (const t of opts.topics) ps.subscribe(t)

  return async (line) => {
    const m = /^publish (\S+) (\d+) (.*)$/.exec(line.trim())
    if (!m) {
      if (line.trim() !== '') emit({ event: 'error', stage: 'command', name: 'BadCommand', message: line.slice(0, 200) })
      return
    }
    const [, topic, size, body] = m
    const data = Buffer.alloc(Math.max(Number(size), Buffer.byteLength(body)), 0x2e)
    data.write(body, 0, 'utf8')
    try {
      const res = await ps.publish(topic, data)
      const id = opts.signPolicy === 'nosign' ? hex(contentMsgId({ topic, data })) : null
      emit({ event: 'gossip-published', topic, text: text(data), size: data.length, msgId: id, recipients: res.recipients.length })
    } catch (err) {
      emit(errorInfo('publish', err, { topic }))
    }
  }
}
