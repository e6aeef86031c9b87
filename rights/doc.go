// Package rights models the three separated data rights of China's Data 20 Articles — data
// resource holding (持有权), data processing and use (加工使用权) and data product operation
// (经营权) — and proves who may do what with a data asset.
//
// It holds parties identified by Ed25519 keys, scopes (actions, purposes, regions, validity,
// limits, royalties), registration events (initial registration, license, transfer, change,
// renewal, cancellation, objection, derivation, use, and the registry's acts: issue of a
// certificate, pledge, release, arbitration) with a canonical encoding, SHA-256 hash links
// and Ed25519ctx signatures, verification of a chain with typed reasons, evidence of the data
// (manifest digests and RFC 6962 record proofs), certificates exported as W3C Verifiable
// Credentials, cross-border checks, and an append-only registry with Merkle inclusion and
// consistency proofs.
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
// cancel, object, derive, use, issue, pledge, release or arbitrate. Build it, then
// [Event.Sign] it with the signer's key:
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
// # Registration as registries practise it
//
// A registration carries the [Digest] of its data's [Manifest] — files with sizes and
// SHA-256 hashes ([ManifestFS]) or a Merkle root over records ([ManifestRecords]), so that a
// holder can later prove one record was in the registered set ([ProveRecord],
// [Manifest.CheckRecord]) — and the fields registries require on its [assay.Asset] (source,
// scale, update frequency, algorithm summary, collection period). With [Config.Registrars]
// set, it is pending through its publication period, objections suspend it, and a
// registrar's issue event makes it effective until the certificate expires or is renewed;
// [Chain.State] answers pending, objected, issued or expired with a typed reason.
// [Chain.Certificate] returns what an issue certifies, and [Certificate.Credential] exports it
// as a W3C Verifiable Credential 2.0 with an eddsa-jcs-2022 Data Integrity proof that
// [VerifyCredential] — or any conforming verifier — checks offline. Pledges restrict transfer
// and cancellation until the pledgee releases them; arbitrations resolve objections.
// Objections need standing (see [Config]).
//
// # Hostile input
//
// Verification is linear in the events for diamonds of derivations (disputes are memoised
// per grant and time), licenses under one grant are checked against an index of the
// exclusive ones, use limits read running totals, and NewChain, Verify and
// [Chain.DecideContext] stop when their context is done.
//
// [CrossBorderRules.Required] applies the thresholds of the CAC Provisions of 2024 to an
// [Export]; Decide calls it when data held in the mainland is used outside it ([Mainland]).
//
// A [Registry] is an append-only log with lookups by hash, asset and party and an RFC 6962
// Merkle tree (golang.org/x/mod/sumdb/tlog): [Registry.ProveInclusion] with [CheckInclusion],
// [Registry.ProveConsistency] with [CheckConsistency], and [Registry.Evidence] to hand a
// client everything it needs to verify offline. Its log, indexes and tree hashes live in a
// [Store]: memory for the zero Registry, or a durable store opened with [OpenRegistry] —
// rights/registry/sqlite (embedded, the default) or rights/registry/postgres (exchanges), the
// only packages that import a database driver. An event, its index rows and its tree hashes
// commit together; the operator signs tree heads in the sumdb note format
// ([Registry.SignedHead]) and an auditor checks two of them offline with [Witness]; the log
// moves between stores and exchanges as JSON Lines of signed events ([Registry.Export],
// [Registry.Import]).
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
