namespace Minimax.Contracts.Specs;

/// <summary>
/// The learning rate after the optimizer's linear warm-up: held at the peak rate (constant), or decayed to
/// <see cref="FinalFraction"/> of it at the last step along a line, a half cosine or an exponential.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.LrScheduleSpec")]
public sealed record LrScheduleSpec
{
    /// <summary>The final fraction a decaying schedule uses when the spec names none (DoReMi's reference goes 1e-3 to 1e-4).</summary>
    public const double DefaultFinalFraction = 0.1;

    [Id(0)] public LrScheduleKind Kind { get; init; } = LrScheduleKind.Constant;

    /// <summary>The rate at the last step as a fraction of the peak rate, in [0, 1]; ignored by a constant schedule.</summary>
    [Id(1)] public double FinalFraction { get; init; } = DefaultFinalFraction;
}

public enum LrScheduleKind { Constant, Linear, Cosine, Exponential }
