import GradTensor

/// The result of comparing two tensors elementwise with `|a - e| <= atol + rtol * |e|`.
public struct Closeness: CustomStringConvertible {
    public let matches: Bool
    public let detail: String
    public var description: String { detail }
}

/// Compares observed against expected; on failure the detail names the worst
/// element with expected, observed and the relative error.
public func closeness(_ observed: Tensor, _ expected: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6) -> Closeness {
    guard observed.shape == expected.shape else {
        return Closeness(matches: false, detail: "shape \(Tensor.shapeText(observed.shape)) != expected \(Tensor.shapeText(expected.shape))")
    }
    var worst = -1
    var worstExcess: Float = 0
    for i in 0..<observed.count {
        let (o, e) = (observed.scalars[i], expected.scalars[i])
        if o.isNaN || e.isNaN || o.isInfinite || e.isInfinite {
            if !(o == e || (o.isNaN && e.isNaN)) {
                return Closeness(matches: false, detail: "element \(i): expected \(e), observed \(o)")
            }
            continue
        }
        let excess = abs(o - e) - (atol + rtol * abs(e))
        if excess > worstExcess { worst = i; worstExcess = excess }
    }
    if worst < 0 { return Closeness(matches: true, detail: "close") }
    let (o, e) = (observed.scalars[worst], expected.scalars[worst])
    let relative = e == 0 ? abs(o) : abs(o - e) / abs(e)
    return Closeness(matches: false,
                     detail: "element \(worst) of \(Tensor.shapeText(expected.shape)): expected \(e), observed \(o), relative error \(relative) (rtol \(rtol), atol \(atol))")
}
