import Testing
import GradTensor
import GradAutodiff
import GradTestSupport

@Suite struct Tape {
    @Test func a_value_used_twice_receives_both_gradients() {
        let tape = GradientTape()
        let x = tape.watch(Tensor([1, 2, 3]))
        let y = (x * x + x).sum()  // dy/dx = 2x + 1
        #expect(tape.gradient(of: y, wrt: x).scalars == [3, 5, 7])
    }

    @Test func a_source_the_target_ignores_gets_zeros() {
        let tape = GradientTape()
        let x = tape.watch(Tensor([1, 2]))
        let unused = tape.watch(Tensor([[1, 2], [3, 4]]))
        let grads = tape.gradient(of: x.sum(), wrt: [x, unused])
        #expect(grads[1] == Tensor.zeros([2, 2]))
    }

    @Test func a_non_scalar_target_is_summed_first() {
        let tape = GradientTape()
        let x = tape.watch(Tensor([1, 2]))
        #expect(tape.gradient(of: x * Tensor(3), wrt: x).scalars == [3, 3])
    }

    /// The notebook's Exercise 1.3: the tape's sigmoid gradient equals sigma(x)(1 - sigma(x)).
    @Test func exercise_1_3_tape_gradient_of_sigmoid_is_the_closed_form() {
        let xs = Tensor.linspace(-10, 10, count: 100)
        let tape = GradientTape()
        let x = tape.watch(xs)
        let grad = tape.gradient(of: x.sigmoid, wrt: x)
        let s = xs.sigmoid
        let closed = s * (1 - s)
        let check = closeness(grad, closed, rtol: 1e-6, atol: 1e-7)
        #expect(check.matches, "\(check)")
    }

    /// A backward rule that captured a `Traced` would hold its tape, and the tape holds the rule:
    /// a reference cycle that leaks every tape with all its tensors.
    @Test func a_tape_is_freed_once_its_values_are_gone() {
        weak var released: GradientTape?
        do {
            let tape = GradientTape()
            released = tape
            let x = tape.watch(Tensor([1, 2, 3]))
            let w = tape.watch(Tensor([[1], [2], [3]]))
            let y = ((x * x + x - x / (x + 1)).reshaped([1, 3]).matmul(w) * 2 + 1 - 3).transposed
            let z = (Traced.maximum(y, -y) + (2 * y) + (1 - y)).exp.log.tanh.sigmoid.squareRoot
            let loss = (-z).applying(.relu).sum() + z.mean() + (Tensor(2) / z).sum() + (Tensor(1) - z).sum()
            _ = tape.gradient(of: loss + x.sum(alongAxes: [0]), wrt: [x, w])
        }
        #expect(released == nil, "the tape outlived its last value: a backward rule holds it")
    }

    @Test func variables_assign_and_increment() {
        let v = Variable(Tensor([1, 2]))
        v.assignAdd(Tensor([10, 10]))
        #expect(v.value.scalars == [11, 12])
        v.assign(Tensor([0, 1]))
        v.assignSub(Tensor(1))
        #expect(v.value.scalars == [-1, 0])
    }

    @Test func gradients_with_respect_to_a_variable() {
        let w = Variable(Tensor([[1, 2], [3, 4]]))
        let tape = GradientTape()
        let tw = tape.watch(w)
        let x = Tensor([[1, 1]])
        let loss = x.matmul(tw.value).sum()
        _ = loss
        let y = tape.watch(x).matmul(tw).sum()
        #expect(tape.gradient(of: y, wrt: tw).rows == [[1, 1], [1, 1]])
    }
}
