using Minimax.Contracts.Grains;
using Minimax.Engine.Metrics;
using Minimax.Engine.Objectives;
using TorchSharp;
using TorchSharp.Modules;

namespace Minimax.Grains.Training.Replicas;

/// <summary>
/// What a worker holds for one kind of model: the replica, its optimizer, its training shard and its
/// evaluation shards. Created and used only on the worker's tensor thread.
/// </summary>
internal interface IReplica : IDisposable
{
    torch.nn.Module Model { get; }

    OptimizerHelper Optimizer { get; }

    int ParameterCount { get; }

    /// <summary>The per-group sums beyond loss sums and counts that <see cref="Forward"/> reports (<see cref="StatisticNames"/>).</summary>
    IReadOnlyList<string> ExtraStatistics { get; }

    /// <summary>Phase 1 on shard-local training rows (windows for a language model); keeps the graph.</summary>
    BatchStatistics Forward(int[] localRows);

    /// <summary>Phase 3: back-propagates Σ c_g·ℓ over the kept examples (tokens).</summary>
    void Backward(double[] groupCoefficients);

    GroupTally Evaluate(EvaluationSplit split);
}
