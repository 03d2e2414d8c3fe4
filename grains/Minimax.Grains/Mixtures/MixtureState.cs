using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Mixtures;

/// <summary>A mixture job's persisted state: small (weights and curves, no tensors), so it fits a storage row.</summary>
[GenerateSerializer, Alias("minimax.MixtureState")]
public sealed class MixtureState
{
    [Id(0)] public MixtureSpec? Spec { get; set; }
    [Id(1)] public string Tenant { get; set; } = "";
    [Id(2)] public RunStatus Status { get; set; }
    [Id(3)] public string? Reason { get; set; }
    [Id(4)] public DateTimeOffset? SubmittedAt { get; set; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(6)] public string[] Domains { get; set; } = [];
    [Id(7)] public List<MixtureStageRecord> Stages { get; set; } = [];
    [Id(8)] public List<MixtureRoundRecord> Rounds { get; set; } = [];
    [Id(9)] public MixtureComparison? Comparison { get; set; }
    /// <summary>Set when a cancel was asked for, so a resumed pipeline does not start further stages.</summary>
    [Id(10)] public bool CancelRequested { get; set; }
    /// <summary>The tenant's concurrent-runs limit when the job was submitted; stage runs are admitted under it.</summary>
    [Id(11)] public int MaxConcurrentRuns { get; set; } = int.MaxValue;
}
