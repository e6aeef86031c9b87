// Package rights models the three separated data rights of China's Data 20 Articles — data
// resource holding (持有权), data processing and use (加工使用权) and data product operation
// (经营权) — and proves who may do what with a data asset.
//
// It holds parties identified by Ed25519 keys, scopes (actions, purposes, regions, validity,
// limits, royalties), registration events (initial registration, license, transfer, change,
// renewal, cancellation, objection, derivation) with a canonical encoding, SHA-256 hash links
// and Ed25519ctx signatures, verification of a chain with typed reasons, cross-border
// checks, and an append-only registry with Merkle inclusion and consistency proofs.
//
// # Tour
//
// A [Party] is an Ed25519 public key ([PartyID]) with a display name, a [PartyKind] and a
// region. A [Scope] says what a grant permits: ODRL 2.2 [Action]s (with ODRL's includedIn
// hierarchy, so "read" is within "use"), purposes, ISO 3166 regions, a validity window,
// use and volume limits, exclusivity, whether it may be sublicensed, and the [Royalty] owed
// upstream. [Scope.Within] is the attenuation rule: a grantor cannot give more than it holds.
//
// An [Event] is one signed record; its [Kind] is register, license, transfer, change, renew,
// cancel, object, derive or use. Build it, then [Event.Sign] it with the signer's key:
//
//	lic := rights.Event{Kind: rights.KindLicense, Time: t, Asset: "GZ-BDC-2024-0017",
//		Parents: []rights.Hash{registration}, Signer: centre, Subject: company,
//		Right: rights.ProcessingUse, Scope: scope}
//	lic, h, err := lic.Sign(centreKey)
//
// [Verify] (or [NewChain] then [Chain.Decide]) answers a [Query] — may party P perform action
// A for purpose U in region R at time T on asset X, or on a product derived from it? — with a
// [Decision]: allowed with the path of grants, or denied with typed reasons ([RevokedError],
// [EscalationError], [ScopeError] …, each naming the event at fault; see [Code] and
// [EventOf]). Broken evidence — a bad signature, an unknown parent, a cycle — is an error
// from Verify, not a decision. [Config.NewChain] lets a verifier name the keys whose
// registrations it trusts.
//
// [CrossBorderRules.Required] applies the thresholds of the CAC Provisions of 2024 to an
// [Export]; Decide calls it when data held in the mainland is used outside it ([Mainland]).
//
// A [Registry] is an append-only log with lookups by hash, asset and party and an RFC 6962
// Merkle tree (golang.org/x/mod/sumdb/tlog): [Registry.ProveInclusion] with [CheckInclusion],
// [Registry.ProveConsistency] with [CheckConsistency], and [Registry.Evidence] to hand a
// client everything it needs to verify offline.
//
// # Encodings
//
// Every event has one canonical binary encoding ([Event.MarshalBinary], layout documented in
// canonical.go), whose SHA-256 is its [Hash]; the signature is Ed25519ctx (RFC 8032) over the
// hash with the context [SignatureContext]. The JSON form reloads to the same bytes. Decoders
// bound sizes ([MaxEventSize], [MaxEventJSON], [MaxString], [MaxList], [MaxChainEvents]) and
// return a *[FormatError] wrapping [ErrMalformed].
//
// # Concurrency
//
// Parties, scopes, events, queries and decisions are immutable values; a [Chain] is read-only
// after NewChain; a [Registry] serialises appends and serves readers concurrently. All are
// safe for concurrent use.
package rights
