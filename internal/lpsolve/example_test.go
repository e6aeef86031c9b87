package lpsolve_test

import (
	"context"
	"fmt"

	"github.com/dataassay/assay/internal/lpsolve"
)

// Chvátal's first example (Linear Programming, 1983, ch. 2): maximise 5x₁ + 4x₂ + 3x₃ subject
// to three ≤ constraints, written in standard form with slack variables s₁, s₂, s₃.
func ExampleMinimize() {
	p := lpsolve.Problem{
		Cost: []float64{-5, -4, -3, 0, 0, 0},
		// Column by column: x₁, x₂, x₃, s₁, s₂, s₃.
		A: []float64{
			2, 4, 3,
			3, 1, 4,
			1, 2, 2,
			1, 0, 0,
			0, 1, 0,
			0, 0, 1,
		},
		RHS: []float64{5, 11, 8},
	}
	sol, err := lpsolve.Minimize(context.Background(), p, lpsolve.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("max %.6g at x = %.6g, slacks %.6g\n", -sol.Value, sol.X[:3], sol.X[3:])
	// Output: max 13 at x = [2 0 1], slacks [0 1 0]
}
