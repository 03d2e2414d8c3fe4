using Minimax.Contracts.Api;

namespace Minimax.Benchmarks;

/// <summary>
/// What a run's report says about its gradient exchange. Interim: the report fields
/// (median_exchange_seconds, gradient_bytes_per_step) are not on main yet, so this says NaN and 0 and
/// <see cref="Available"/> is false; the exchange benchmark then checks only its cluster plumbing.
/// </summary>
public readonly record struct ExchangeFigures(double Seconds, long BytesPerStep)
{
    public static bool Available => false;

    public static ExchangeFigures From(RunReport report) => new(double.NaN, 0);
}
