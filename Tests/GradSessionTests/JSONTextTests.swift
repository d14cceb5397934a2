import Testing
import GradSession

@Suite struct JSONTextNumbers {
    @Test func negative_zero_prints_like_zero() {
        #expect(JSONText.number(-0.0) == "0.0")
        #expect(JSONText.number(0.0) == "0.0")
        #expect(JSONText.array([-0.0, 1, -0.0]) == "[0.0,1.0,0.0]")
    }

    @Test func tiny_negative_numbers_keep_their_sign() {
        let smallest = -Float.leastNonzeroMagnitude
        #expect(JSONText.number(smallest) == "\(smallest)")
        #expect(JSONText.number(smallest).hasPrefix("-"))
    }

    @Test func finite_numbers_read_back_to_the_same_value_and_non_finite_ones_are_null() {
        for value: Float in [0.1, -3.25e-7, 1e30, -Float.greatestFiniteMagnitude, 0.001453176] {
            #expect(Float(JSONText.number(value)) == value)
        }
        #expect(JSONText.number(.nan) == "null")
        #expect(JSONText.number(-.nan) == "null")
        #expect(JSONText.number(-.infinity) == "null")
    }
}
