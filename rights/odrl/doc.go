// Package odrl reads, writes and evaluates W3C ODRL 2.2 policies.
//
// It parses any valid JSON-LD form of a policy by expanding it with a JSON-LD processor that
// loads no document from the network, evaluates a request against a policy and a state of the
// world following the ODRL Formal Semantics draft, and writes a compliance report in the FORCE
// compliance-report vocabulary.
package odrl
