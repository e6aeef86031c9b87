// Package rights models the three separated data rights of China's Data 20 Articles — data
// resource holding (持有权), data processing and use (加工使用权) and data product operation
// (经营权) — and proves who may do what with a data asset.
//
// It holds parties identified by Ed25519 keys, scopes (actions, purposes, regions, validity,
// limits, royalties), registration events (initial registration, license, transfer, change,
// renewal, cancellation, objection, derivation) with a canonical encoding, SHA-256 hash links
// and Ed25519ctx signatures, verification of a chain with typed reasons, cross-border
// checks, and an append-only registry with Merkle inclusion and consistency proofs.
package rights
