// The memberlist settings an agent gossips with (hashicorp/memberlist config.go DefaultLANConfig, FACTS §5.1),
// plus `lifeguard`, a switch for the game: off gives plain SWIM (no local health scaling, a fixed suspicion
// timeout at min, no nacks), so a level or test can show what Lifeguard adds.

export interface GossipConfig {
  probeIntervalMs: number;
  probeTimeoutMs: number;
  indirectChecks: number;
  suspicionMult: number;
  suspicionMaxTimeoutMult: number;
  retransmitMult: number;
  gossipIntervalMs: number;
  gossipNodes: number;
  gossipToTheDeadMs: number;
  pushPullIntervalMs: number;
  awarenessMaxMultiplier: number;
  lifeguard: boolean;
}

/** DefaultLANConfig, which Consul's gossip_lan uses unchanged. */
export const LAN_DEFAULTS: Readonly<GossipConfig> = Object.freeze({
  probeIntervalMs: 1000,
  probeTimeoutMs: 500,
  indirectChecks: 3,
  suspicionMult: 4,
  suspicionMaxTimeoutMult: 6,
  retransmitMult: 4,
  gossipIntervalMs: 200,
  gossipNodes: 3,
  gossipToTheDeadMs: 30000,
  pushPullIntervalMs: 30000,
  awarenessMaxMultiplier: 8,
  lifeguard: true,
});

/** memberlist fills a 1400-byte UDP packet with as many broadcasts as fit; about this many small ones. */
export const MAX_PIGGYBACK = 25;

/** A TCP connection retransmits a lost segment after its minimum RTO (Linux: 200 ms). */
export const TCP_RETRANSMIT_MS = 200;
