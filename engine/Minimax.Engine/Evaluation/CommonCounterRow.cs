namespace Minimax.Engine.Evaluation;

/// <summary>
/// Accuracy on common and on counter backgrounds, as fractions in [0, 1], and the drop 100·(common − counter) in
/// percentage points. <see cref="Class"/> is null for the row pooled over every class.
/// </summary>
public sealed record CommonCounterRow(
    string? Class,
    double Common,
    double Counter,
    double Drop,
    long CommonCount,
    long CounterCount);
