// Wire types of the portal contract (docs/api.md, docs/openapi.yaml) that the kiosk, the ward
// and trace views, and the demo backend share. Types only: the parsers live with each client.
import type { OfficerDecision, PassageDirection, PassageRecord } from '../core/passage-record';
import type { PublicEcJwk } from '../core/trust-bundle';

/** Every failure body: `{ errors: [{ field?, code, message }] }`. */
export interface ApiErrorItem {
  field?: string;
  code: string;
  message: string;
}

export interface ApiErrorBody {
  errors: ApiErrorItem[];
}

/** 201 of `POST /declarations`. */
export interface DeclarationCreated {
  /** The pass as QR text. */
  pass: string;
  passId: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string;
}

/** Answer of `POST /declaration-groups`: one pass per member, in member order. */
export interface DeclarationGroupCreated {
  groupId: string;
  passes: DeclarationCreated[];
}

/** Body of `POST /devices`. */
export interface DeviceRegistration {
  deviceId: string;
  publicKeyJwk: PublicEcJwk;
  checkpointId: string;
  label?: string;
  /** One-time code from the portal administrator; binds a new device to its checkpoint. */
  enrolmentCode?: string;
}

/** 200/201 of `POST /devices`. */
export interface DeviceRegistered {
  deviceId: string;
  checkpointId: string;
  registeredAt: string;
}

/** Body of `POST /passages` (the exact bytes are signed by the device key). */
export interface PassageBatch {
  deviceId: string;
  batchId: string;
  records: PassageRecord[];
  /** The kiosk's own chain check failed before this sync: reported with the next batch. */
  alarms?: ChainAlarm[];
}

/** A gap or an edit the kiosk found in its own records (seq range, inclusive). */
export interface ChainAlarm {
  code: 'record-missing' | 'record-changed';
  fromSeq: number;
  toSeq: number;
  /** ISO 8601. */
  detectedAt: string;
}

/** A sequence gap the portal sees in this device's records (inclusive). */
export interface SeqRange {
  from: number;
  to: number;
}

/** A record the portal holds but has not linked yet (its predecessor is missing). */
export interface HeldRecord {
  id: string;
  code: string;
}

export interface PassageRejection {
  id: string;
  code: string;
  message: string;
}

/** 200 of `POST /passages`. */
export interface PassageBatchResult {
  /** Stored by this request. */
  accepted: string[];
  /** Already held by the server (an earlier batch): nothing to resend. */
  duplicate: string[];
  /** Refused for good; `code` says why. */
  rejected: PassageRejection[];
  /** Server clock when the batch was committed (ISO 8601, ms). */
  serverTime: string;
  /** Sequence gaps the portal sees in this device's chain (absent from older portals: []). */
  missing?: SeqRange[];
  /** Records of this batch stored but held back until their predecessor arrives. */
  held?: HeldRecord[];
}

export type MovementDirection = 'arrival' | 'departure';

/** How a contact met the case: the same vehicle group, or the same checkpoint within the window. */
export type ContactKind = 'co-traveller' | 'same-window';

/** One row of a ward's movement feed: a passage seen from the origin or destination ward. */
export interface WardMovement {
  /** `${passageId}:${direction}` — unique within a ward feed. */
  id: string;
  passageId: string;
  /** Departure in the origin ward's feed, arrival in the destination ward's. */
  direction: MovementDirection;
  /** Passage time (device clock) as recorded at the checkpoint. */
  at: string;
  receivedAt: string;
  checkpointId: string;
  checkpointDirection: PassageDirection;
  decision: OfficerDecision;
  verdictStatus: string;
  passId: string | null;
  manualCode: string | null;
  originUnit: string;
  destinationUnit: string;
  /** The traveller as the portal holds them (null when the pass is not the portal's own). */
  person: { fullName: string } | null;
}

/** 200 of `GET /wards/{unitCode}/movements`. */
export interface WardMovementsPage {
  unitCode: string;
  date: string;
  direction: MovementDirection | null;
  /** Newest first. */
  items: WardMovement[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** One passage on a pass's route. */
export interface RoutePassage {
  id: string;
  at: string;
  receivedAt: string;
  checkpointId: string;
  direction: PassageDirection;
  decision: OfficerDecision;
  verdictStatus: string;
  officerId: string;
  deviceId: string;
  originUnit: string;
  destinationUnit: string;
  clockSkewMs: number | null;
}

/** 200 of `GET /passes/{passId}/route`. */
export interface PassRoute {
  passId: string;
  /** True when the portal issued this pass (it then knows validity and the person). */
  known: boolean;
  validFrom: string | null;
  validUntil: string | null;
  originUnit: string | null;
  destinationUnit: string | null;
  person: { fullName: string } | null;
  /** Oldest first. */
  passages: RoutePassage[];
}
