// js-libp2p peer used as the independent implementation in the interop tests.
// Every result is one JSON object per line on stdout; diagnostics go to stderr.
import './polyfill.mjs'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { quic } from '@chainsafe/libp2p-quic'
import { noise } from '@chainsafe/libp2p-noise'
import { tls } from '@libp2p/tls'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { attachGossip, gossipService } from './gossip.mjs'

const ECHO = '/echo/1.0.0'
const USAGE = `usage: node peer.mjs (--listen ADDR | --dial MULTIADDR) [options]
  --listen ADDR        listen on ADDR (e.g. /ip4/127.0.0.1/tcp/0) and serve ${ECHO}
  --dial MULTIADDR     dial MULTIADDR (must end in /p2p/<peer id>), then identify, ping, streams
  --streams N          concurrent ${ECHO} streams to open (default 0)
  --bytes N            bytes sent and echoed per stream (default 4096)
  --pings N            ping round trips (default 1)
  --probe-inbound      when listening, also identify/ping/open streams to each peer that connects
  --key-type T         ed25519 (default) or secp256k1
  --security S         noise (default) or tls (/tls/1.0.0, @libp2p/tls; the muxer agreed by ALPN)
  --transport T        tcp (default) or quic (QUIC v1, @chainsafe/libp2p-quic: TLS 1.3 and native streams;
                       --listen takes /ip4/127.0.0.1/udp/0/quic-v1)
  --duration SECONDS   exit after SECONDS (default: run until stdin closes)
  --exit-after-dial    exit once the dial results are printed
  --gossip             run gossipsub (@libp2p/gossipsub); stdin lines "publish TOPIC SIZE TEXT" publish
  --topic T            subscribe to T (repeatable; implies --gossip)
  --sign-policy P      strict (default: StrictSign, jvm-libp2p's from++seqno ids) or nosign
                       (StrictNoSign, Teku-style content ids)
  --heartbeat-ms N     gossipsub heartbeat interval (default 1000)`

function emit (obj) {
  process.stdout.write(JSON.stringify(obj) + '\n')
}

function fail (message) {
  emit({ event: 'error', stage: 'args', message })
  process.stderr.write(USAGE + '\n')
  process.exit(2)
}

function parseArgs (argv) {
  const opts = { streams: 0, bytes: 4096, pings: 1, probeInbound: false, keyType: 'Ed25519', security: 'noise', transport: 'tcp', duration: 0, exitAfterDial: false, gossip: false, topics: [], signPolicy: 'strict', heartbeatMs: 1000 }
  const intArg = (name, v) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0) fail(`${name} needs a non-negative integer, got ${JSON.stringify(v)}`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`)
      return argv[++i]
    }
    switch (a) {
      case '--listen': opts.listen = next(); break
      case '--dial': opts.dial = next(); break
      case '--streams': opts.streams = intArg(a, next()); break
      case '--bytes': opts.bytes = intArg(a, next()); break
      case '--pings': opts.pings = intArg(a, next()); break
      case '--duration': opts.duration = Number(next()); if (!(opts.duration > 0)) fail('--duration needs a positive number of seconds'); break
      case '--probe-inbound': opts.probeInbound = true; break
      case '--exit-after-dial': opts.exitAfterDial = true; break
      case '--gossip': opts.gossip = true; break
      case '--topic': opts.topics.push(next()); opts.gossip = true; break
      case '--heartbeat-ms': opts.heartbeatMs = intArg(a, next()); if (opts.heartbeatMs < 10) fail('--heartbeat-ms needs at least 10'); break
      case '--sign-policy': {
        const p = next().toLowerCase()
        if (p !== 'strict' && p !== 'nosign') fail(`unknown sign policy ${JSON.stringify(p)} (strict or nosign)`)
        opts.signPolicy = p
        break
      }
      case '--security': {
        const sec = next().toLowerCase()
        if (sec !== 'noise' && sec !== 'tls') fail(`unknown security ${JSON.stringify(sec)} (noise or tls)`)
        opts.security = sec
        break
      }
      case '--transport': {
        const t = next().toLowerCase()
        if (t !== 'tcp' && t !== 'quic') fail(`unknown transport ${JSON.stringify(t)} (tcp or quic)`)
        opts.transport = t
        break
      }
      case '--key-type': {
        const t = next().toLowerCase()
        if (t === 'ed25519') opts.keyType = 'Ed25519'
        else if (t === 'secp256k1') opts.keyType = 'secp256k1'
        else fail(`unknown key type ${JSON.stringify(t)}`)
        break
      }
      case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break
      default: fail(`unknown argument ${JSON.stringify(a)}`)
    }
  }
  if (!opts.listen && !opts.dial) fail('one of --listen or --dial is required')
  return opts
}

function errorInfo (stage, err, extra = {}) {
  return { event: 'error', stage, name: err?.name ?? 'Error', message: String(err?.message ?? err), ...extra }
}

// Echoes every byte back, then half-closes once the remote has finished writing.
async function echoHandler (stream) {
  try {
    for await (const chunk of stream) {
      if (!stream.send(chunk)) await stream.onDrain()
    }
    await stream.close()
  } catch (err) {
    stream.abort(err)
  }
}

async function echoOnce (node, connection, size) {
  const stream = await connection.newStream(ECHO)
  const payload = randomBytes(size)
  const received = []
  let total = 0
  const reader = (async () => {
    for await (const chunk of stream) {
      const bytes = chunk.subarray()
      received.push(Buffer.from(bytes))
      total += bytes.length
    }
  })()
  const step = 1024
  for (let off = 0; off < payload.length; off += step) {
    if (!stream.send(payload.subarray(off, off + step))) await stream.onDrain()
  }
  await stream.close()
  await reader
  const got = Buffer.concat(received, total)
  if (!got.equals(payload)) throw new Error(`echo mismatch: sent ${payload.length} bytes, got ${got.length}`)
  return total
}

async function probe (node, connection, opts) {
  const peer = connection.remotePeer.toString()
  try {
    const id = await node.services.identify.identify(connection)
    emit({
      event: 'identify',
      peerId: peer,
      agentVersion: id.agentVersion ?? null,
      protocolVersion: id.protocolVersion ?? null,
      protocols: id.protocols,
      listenAddrs: id.listenAddrs.map(String),
      observedAddr: id.observedAddr ? String(id.observedAddr) : null
    })
  } catch (err) {
    emit(errorInfo('identify', err, { peerId: peer }))
  }
  for (let i = 0; i < opts.pings; i++) {
    try {
      const rtt = await node.services.ping.ping(connection.remotePeer)
      emit({ event: 'ping', peerId: peer, rttMs: rtt })
    } catch (err) {
      emit(errorInfo('ping', err, { peerId: peer }))
    }
  }
  if (opts.streams > 0) {
    const started = Date.now()
    const results = await Promise.allSettled(
      Array.from({ length: opts.streams }, () => echoOnce(node, connection, opts.bytes)))
    const ok = results.filter(r => r.status === 'fulfilled').length
    const failures = results.filter(r => r.status === 'rejected').map(r => String(r.reason?.message ?? r.reason))
    emit({ event: 'streams', peerId: peer, ok, failed: failures.length, bytesPerStream: opts.bytes, ms: Date.now() - started, errors: [...new Set(failures)].slice(0, 5) })
  }
}

async function main () {
  const opts = parseArgs(process.argv.slice(2))
  const privateKey = await generateKeyPair(opts.keyType)
  const node = await createLibp2p({
    privateKey,
    addresses: { listen: opts.listen ? [opts.listen] : [] },
    transports: [opts.transport === 'quic' ? quic() : tcp()],
    connectionEncrypters: [opts.security === 'tls' ? tls() : noise()],
    streamMuxers: [yamux()],
    // identify only on request, as jvm-libp2p does; an automatic run would race the explicit one
    // (identify accepts one inbound stream at a time).
    services: {
      identify: identify({ runOnConnectionOpen: false }),
      // over QUIC a ping stream stays open on this side until the remote acknowledges our FIN, which
      // QUIC may delay (max_ack_delay, 25 ms by default): back-to-back pings need a second stream
      ping: ping(opts.transport === 'quic' ? { maxOutboundStreams: 4 } : {}),
      ...(opts.gossip ? { pubsub: gossipService(opts) } : {})
    }
  })
  await node.handle(ECHO, echoHandler, { maxInboundStreams: 1024, maxOutboundStreams: 1024 })

  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    try {
      await node.stop()
      emit({ event: 'stopped' })
    } catch (err) {
      emit(errorInfo('stop', err))
      code = code || 1
    }
    process.exit(code)
  }

  node.addEventListener('connection:open', (evt) => {
    const c = evt.detail
    emit({ event: 'connection', peerId: c.remotePeer.toString(), remoteAddr: String(c.remoteAddr), direction: c.direction, encryption: c.encryption ?? null, multiplexer: c.multiplexer ?? null })
    if (opts.probeInbound && c.direction === 'inbound') {
      probe(node, c, opts).catch(err => emit(errorInfo('probe', err)))
    }
  })
  node.addEventListener('connection:close', (evt) => {
    emit({ event: 'connection-closed', peerId: evt.detail.remotePeer.toString() })
  })

  await node.start()
  emit({ event: 'listening', peerId: node.peerId.toString(), keyType: opts.keyType, addrs: node.getMultiaddrs().map(String) })

  const onCommand = opts.gossip ? attachGossip(node, opts, emit, errorInfo) : null
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (onCommand) onCommand(line).catch(err => emit(errorInfo('command', err)))
  })
  lines.on('close', () => stop(0))
  process.on('SIGTERM', () => stop(0))
  process.on('SIGINT', () => stop(0))
  if (opts.duration > 0) setTimeout(() => stop(0), opts.duration * 1000).unref()

  if (opts.dial) {
    let ma
    try {
      ma = multiaddr(opts.dial)
    } catch (err) {
      emit(errorInfo('dial', err, { addr: opts.dial }))
      return stop(1)
    }
    let connection
    try {
      connection = await node.dial(ma)
    } catch (err) {
      emit(errorInfo('dial', err, { addr: opts.dial }))
      return stop(1)
    }
    emit({ event: 'dialed', peerId: connection.remotePeer.toString(), remoteAddr: String(connection.remoteAddr) })
    await probe(node, connection, opts)
    if (opts.exitAfterDial) return stop(0)
  }
}

main().catch(err => {
  emit(errorInfo('fatal', err))
  process.exit(1)
})
