// Package mcrun is the one seeded parallel Monte Carlo runner of the module: valuation's
// MonteCarlo, pricing's SimulateRevenue and distribution's SampleShapley and SampleBanzhaf
// all draw through Run.
//
// # The contract
//
//   - Draws are numbered 0..Draws-1 and cut into blocks of Block draws. Block b holds draws
//     [b·Block, min(Draws, (b+1)·Block)); the number of blocks is computed without overflow,
//     so any Draws up to math.MaxInt is accepted and nothing is allocated in proportion to it.
//   - Randomness is seeded per index: Seed(src, seed, i) gives the stream of draw (or block) i,
//     so a result never depends on which goroutine computed what.
//   - Blocks are reduced in index order on the calling goroutine, so the reduction — and any
//     stopping rule it applies — sees the same sequence whatever Workers is.
//   - Workers: zero (or one) means one goroutine, the module-wide meaning. At most MaxWorkers;
//     never more than there are blocks. At most 2·Workers block states exist at once, so
//     memory is bounded by the workers, not by the draws.
//   - ctx is checked before every draw; a draw that fails (or ctx) ends the run after the
//     blocks before the failing one are reduced: the result is that of a prefix of the draw
//     sequence, and the error reported is that of the lowest failing block.
//
// Moments holds running means and variances by Welford's method, merged by the pairwise
// formula of Chan, Golub & LeVeque, for reductions that do not keep every sample.
package mcrun
