// Package assaybeam runs Assay's distribution at exchange scale on Apache Beam: sharded
// sampled Shapley and Banzhaf estimates that equal the single-process estimate bit for bit
// (SampleSharded), and nightly royalty settlement of JSON Lines sales into per-party payouts
// and a per-sale ledger, exact to the minor unit and idempotent by sale id (Settle).
//
// It is a module of its own (github.com/dataassay/assay/beam) so that the core library never
// depends on the Beam SDK. Each pipeline is a library function that adds its transforms to a
// beam.Scope, and a small command under cmd/ that runs it on any Beam runner: prism (the
// local runner, the default), Flink, Spark or Dataflow — see README.md.
//
// The DoFns of this package are registered with Beam's registry in init, the SDK's required
// idiom; they hold no state beyond one decoded game per worker instance.
package assaybeam
