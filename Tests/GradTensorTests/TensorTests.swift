import Testing
import GradTensor

@Suite struct TensorBasics {
    @Test func a_tensor_built_from_rows_reads_back_the_same_rows() {
        let x = Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(x.shape == [3, 3])
        #expect(x.rows == [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(x[1, 2] == 6)
    }

    @Test func description_reads_like_numpy() {
        let x = Tensor([[1, 2], [3, 4.5]])
        #expect(x.description == "tensor([[1, 2], [3, 4.5]], shape=(2, 2), dtype=float32)")
        #expect(Tensor(3).description == "tensor(3, shape=(), dtype=float32)")
        #expect(Tensor([1, 2]).description == "tensor([1, 2], shape=(2,), dtype=float32)")
    }

    @Test func reshape_infers_one_extent() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.reshaped([3, -1]).shape == [3, 2])
        #expect(x.reshaped([6]).scalars == x.scalars)
    }

    @Test func linspace_hits_both_ends() {
        let x = Tensor.linspace(-10, 10, count: 100)
        #expect(x.count == 100)
        #expect(x.scalars.first == -10 && x.scalars.last == 10)
    }
}

@Suite struct Broadcasting {
    @Test func broadcast_shapes_follow_numpy() {
        #expect(Broadcast.shape([3, 1], [1, 4]) == [3, 4])
        #expect(Broadcast.shape([2, 3], [3]) == [2, 3])
        #expect(Broadcast.shape([2, 1, 3], [4, 1]) == [2, 4, 3])
        #expect(Broadcast.shape([], [2, 2]) == [2, 2])
        #expect(Broadcast.shape([2, 3], [2]) == nil)
    }

    @Test func a_row_plus_a_column_gives_the_outer_sum() {
        let row = Tensor(shape: [1, 3], scalars: [10, 20, 30])
        let column = Tensor(shape: [2, 1], scalars: [1, 2])
        #expect((row + column).rows == [[11, 21, 31], [12, 22, 32]])
    }

    @Test func a_rank_3_tensor_broadcasts_against_a_matrix() {
        let a = Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [2, 1], scalars: [100, 200])
        let sum = a + b
        #expect(sum.shape == [2, 2, 3])
        #expect(sum.scalars == [101, 102, 103, 201, 202, 203, 104, 105, 106, 204, 205, 206])
    }

    @Test func summing_to_a_shape_undoes_broadcasting() {
        let g = Tensor.ones([2, 4, 3])
        #expect(g.summed(toShape: [2, 1, 3]).scalars == [Float](repeating: 4, count: 6))
        #expect(g.summed(toShape: [4, 1]).scalars == [Float](repeating: 6, count: 4))
        #expect(g.summed(toShape: []).scalar == 24)
    }

    /// The notebook's Exercise 1.1.
    @Test func exercise_1_1_constants_variables_and_a_column_update() {
        let z = Tensor(3) * Tensor(7)
        #expect(z.scalar == 21)
        let a = Tensor([[1, 0, 2], [0, 1, 0], [1, 1, 1]])
        let b = Tensor(shape: [3, 1], scalars: [1, -1, 2])
        let c = a.matmul(b)
        #expect(c.shape == [3, 1] && c.scalars == [5, -1, 2])
        let updated = b + Tensor(shape: [3, 1], scalars: [1, 2, 3])
        #expect(updated.scalars == [2, 1, 5])
    }
}

@Suite struct Reductions {
    let x = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))

    @Test func sum_over_one_axis_and_over_several() {
        #expect(x.sum(alongAxes: [0]).shape == [3, 4])
        #expect(x.sum(alongAxes: [0]).scalars[0] == 12)
        #expect(x.sum(alongAxes: [1, 2]).scalars == [66, 210])
        #expect(x.sum(alongAxes: [2], keepingDims: true).shape == [2, 3, 1])
        #expect(x.sum().scalar == 276)
        #expect(x.sum(alongAxes: [-1]).shape == [2, 3])
    }

    @Test func mean_divides_by_the_reduced_count() {
        #expect(x.mean().scalar == 11.5)
        #expect(x.mean(alongAxes: [1, 2]).scalars == [5.5, 17.5])
    }
}

@Suite struct LinearAlgebra {
    @Test func matmul_of_small_matrices() {
        let a = Tensor([[1, 2], [3, 4], [5, 6]])
        let b = Tensor([[1, 0, -1], [2, 1, 0]])
        #expect(a.matmul(b).rows == [[5, 2, -1], [11, 4, -3], [17, 6, -5]])
    }

    @Test func transpose_reverses_axes() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed.rows == [[1, 4], [2, 5], [3, 6]])
        let c = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init)).permuted([2, 0, 1])
        #expect(c.shape == [4, 2, 3] && c[3, 1, 2] == 23)
    }

    @Test func one_thread_and_two_give_the_same_bits() {
        var generator = SystemRandomNumberGenerator()
        let a = Tensor(shape: [300, 200], scalars: (0..<60000).map { _ in Float.random(in: -1...1, using: &generator) })
        let b = Tensor(shape: [200, 150], scalars: (0..<30000).map { _ in Float.random(in: -1...1, using: &generator) })
        for path in KernelPath.available {
            let single = KernelPath.with(path) { Parallel.withThreadCount(1) { a.matmul(b) } }
            let double = KernelPath.with(path) { Parallel.withThreadCount(2) { a.matmul(b) } }
            #expect(single.scalars == double.scalars, "\(path) kernels")
        }
    }
}
