using Orleans.Concurrency;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>Owns a run's group weights, parameters and optimizer state and drives the two-phase step. Key: run id.</summary>
[Alias("minimax.ICoordinatorGrain")]
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the step loop, or resumes the run from <paramref name="checkpoint"/> (from the start when null),
    /// unless this activation is already training it, and returns at once; progress goes to the run grain.
    /// The workers read data from <paramref name="tenant"/>'s data roots. Called by the run at submit and by
    /// its resume reminder after a crash.
    /// </summary>
    [Alias("EnsureRunning")] Task EnsureRunningAsync(RunSpec spec, string tenant, string? checkpoint);

    /// <summary>Stops the loop before its next step and releases the workers; false when no loop runs here.</summary>
    [Alias("Cancel"), AlwaysInterleave] Task<bool> CancelAsync();

    /// <summary>The parameters after the latest step (null before the first), while the activation lives.</summary>
    [Alias("GetParameters"), AlwaysInterleave] Task<FlatTensor?> GetParametersAsync();

    /// <summary>
    /// A silo holding this run's coordinator or one of its workers is draining: after the step in progress the run
    /// checkpoints, then continues with new workers elsewhere, or, when the coordinator's own silo drains, stops
    /// here so that <see cref="IRunGrain.ResumeAsync"/> continues it on another silo. Returns at once.
    /// </summary>
    [Alias("Drain"), AlwaysInterleave] Task DrainAsync();
}
