import Testing
import GradSession

@Suite struct Histories {
    @Test func a_short_series_is_kept_whole() {
        var history = History<Int>(capacity: 8)
        for i in 1...8 { history.append(i) }
        #expect(history.values == Array(1...8) && history.stride == 1)
    }

    @Test func a_full_history_halves_its_resolution_and_ends_at_the_newest_value() {
        var history = History<Int>(capacity: 8)
        for i in 1...9 { history.append(i) }
        #expect(history.values == [1, 3, 5, 7, 9] && history.stride == 2)
        history.append(10)
        #expect(history.values == [1, 3, 5, 7, 9, 10], "10 stands in as the newest")
        history.append(11)
        #expect(history.values == [1, 3, 5, 7, 9, 11], "11 is kept; 10 is gone")
        for i in 12...1000 {
            history.append(i)
            #expect(history.values.last == i && history.values.count <= 9, "capacity 8, plus the newest standing in")
        }
        #expect(history.values.first == 1 && history.stride >= 1000 / 8)
        // Kept values stay evenly spaced: every stride-th from the first.
        let kept = history.values.dropLast(history.values.last! % history.stride == 1 ? 0 : 1)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $1 - $0 == history.stride })
    }

    @Test func removing_all_starts_again() {
        var history = History<Int>(capacity: 4)
        for i in 1...7 { history.append(i) }
        history.removeAll()
        history.append(42)
        #expect(history.values == [42] && history.stride == 1)
    }
}
