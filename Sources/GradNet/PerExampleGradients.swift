import GradTensor

extension Workspace {
    /// One forward and ONE batched backward pass that yield, for every example n,
    /// the gradient of its own loss L_n (Keras' MSE of that example) with respect
    /// to every kernel and bias, plus the gradient of the batch loss (their mean).
    ///
    /// How (as BackPACK and Opacus do it): backpropagating the per-example output
    /// error through the batch gives dL_n/dz_n for every layer at once, because
    /// example n's loss only depends on row n. Example n's kernel gradient is then
    /// the outer product of the layer's input row and that error row.
    ///
    /// Cost: forward + backward ≈ 3x the forward multiply-adds, plus
    /// batch*inputs*units for the outer products. Allocates nothing.
    public func computeGradients(_ model: Sequential, inputs x: Tensor, targets y: Tensor) {
        precondition(y.shape == [batch, model.outputs],
                     "targets shape \(Tensor.shapeText(y.shape)) does not match (\(batch), \(model.outputs))")
        forward(model, inputs: x)
        targets.withUnsafeMutableBufferPointer { dst in
            y.scalars.withUnsafeBufferPointer { src in dst.baseAddress!.update(from: src.baseAddress!, count: src.count) }
        }
        let last = model.layers.count - 1
        loss = a[last].withUnsafeBufferPointer { p in
            targets.withUnsafeBufferPointer { t in
                perExampleLoss.withUnsafeMutableBufferPointer { le in
                    delta[last].withUnsafeMutableBufferPointer { d in
                        MeanSquaredError.evaluate(predictions: p.baseAddress!, targets: t.baseAddress!,
                                                  batch: batch, outputs: outputs,
                                                  perExample: le.baseAddress!, gradient: d.baseAddress!)
                    }
                }
            }
        }
        for l in stride(from: last, through: 0, by: -1) {
            backwardLayer(l, model.layers[l])
            outerProducts(l)
            batchMeans(l)
        }
    }

    /// Turns delta[l] from dL/da into dL/dz and, below the first layer, writes dL/da of layer l-1.
    private func backwardLayer(_ l: Int, _ layer: Dense) {
        z[l].withUnsafeBufferPointer { zb in
            delta[l].withUnsafeMutableBufferPointer { d in
                if l > 0 {
                    delta[l - 1].withUnsafeMutableBufferPointer { below in
                        layer.backward(preActivation: zb.baseAddress!, outputGrad: d.baseAddress!,
                                       batch: batch, inputGrad: below.baseAddress!)
                    }
                } else {
                    layer.backward(preActivation: zb.baseAddress!, outputGrad: d.baseAddress!,
                                   batch: batch, inputGrad: nil)
                }
            }
        }
    }

    /// kernelGradients[l][n, i, j] = input[n, i] * delta[n, j]; each example written by one thread.
    private func outerProducts(_ l: Int) {
        let (k, units) = shapes[l]
        let source = l == 0 ? input : a[l - 1]
        source.withUnsafeBufferPointer { xb in
            delta[l].withUnsafeBufferPointer { db in
                kernelGradients[l].withUnsafeMutableBufferPointer { gb in
                    let xAddress = UInt(bitPattern: xb.baseAddress!), dAddress = UInt(bitPattern: db.baseAddress!)
                    let gAddress = UInt(bitPattern: gb.baseAddress!)
                    Parallel.forEachRange(batch, workPerItem: k * units) { rows in
                        let x = UnsafePointer<Float>(bitPattern: xAddress)!
                        let d = UnsafePointer<Float>(bitPattern: dAddress)!
                        let g = UnsafeMutablePointer<Float>(bitPattern: gAddress)!
                        for n in rows {
                            for i in 0..<k {
                                let xi = x[n * k + i]
                                let out = g + (n * k + i) * units
                                for j in 0..<units { out[j] = xi * d[n * units + j] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Gradient of the batch loss: dW = inputᵀ·delta / batch, db = mean of delta rows.
    private func batchMeans(_ l: Int) {
        let (k, units) = shapes[l]
        let scale = 1 / Float(max(1, batch))
        let source = l == 0 ? input : a[l - 1]
        source.withUnsafeBufferPointer { xb in
            delta[l].withUnsafeBufferPointer { db in
                batchKernelGradients[l].withUnsafeMutableBufferPointer { gw in
                    Kernels.matmulTransposedA(xb.baseAddress!, db.baseAddress!, gw.baseAddress!, m: k, k: batch, n: units)
                    for i in 0..<gw.count { gw[i] *= scale }
                }
                batchBiasGradients[l].withUnsafeMutableBufferPointer { gb in
                    for j in 0..<units {
                        var sum: Float = 0
                        for n in 0..<batch { sum += db[n * units + j] }
                        gb[j] = sum * scale
                    }
                }
            }
        }
    }
}
