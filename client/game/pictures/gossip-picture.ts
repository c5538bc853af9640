// Consul's picture (placeholder until it gets its own): the Raft ring.

import { RaftPicture } from "./raft-picture";

export class GossipPicture extends RaftPicture {}
