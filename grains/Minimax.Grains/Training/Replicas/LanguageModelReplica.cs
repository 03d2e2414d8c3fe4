using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Objectives;
using Minimax.Engine.Text;
using Minimax.Engine.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace Minimax.Grains.Training.Replicas;

/// <summary>
/// A Transformer language model over one shard of a text corpus's training windows and of its held-out
/// windows (both evaluation splits are the held-out text), and when the objective scores against one the
/// frozen reference model, run in eval mode beside it.
/// </summary>
internal sealed class LanguageModelReplica : IReplica
{
    private readonly TransformerLm model;
    private readonly TransformerLm? reference;
    private readonly LmShardStep step;
    private readonly TokenWindows heldout;
    private readonly int domainCount;

    private LanguageModelReplica(TransformerLm model, TransformerLm? reference, OptimizerHelper optimizer, LmShardStep step, TokenWindows heldout, int domainCount)
    {
        this.model = model;
        this.reference = reference;
        Optimizer = optimizer;
        this.step = step;
        this.heldout = heldout;
        this.domainCount = domainCount;
        ParameterCount = ParameterVector.Count(model);
    }

    public torch.nn.Module Model => model;

    public OptimizerHelper Optimizer { get; }

    public int ParameterCount { get; }

    public IReadOnlyList<string> ExtraStatistics => step.ExtraStatistics;

    public static (IReplica Replica, ShardInfo Info) Create(
        RunSpec spec, ReplicaData data, int shard, int shardCount, FlatTensor? referenceParameters, torch.Device device)
    {
        // Held only while this shard is copied out: the other workers starting now share the one tokenisation.
        using var shared = TextCorpusReader.ReadShared(spec.Data.ToTextDataOptions(spec.Model.Context, data.Roots), data.Parsed);
        var corpus = shared.Value;
        var (trainStart, trainCount) = EngineOptions.ShardRange(corpus.Train.Count, shard, shardCount);
        if (trainCount == 0)
        {
            throw new ArgumentException(
                $"training.workers: {shardCount} workers leave shard {shard} without training windows ({corpus.Train.Count} windows of {spec.Model.Context + 1} tokens)");
        }
        var train = corpus.Train.Slice(trainStart, trainCount);
        var (heldoutStart, heldoutCount) = EngineOptions.ShardRange(corpus.Heldout.Count, shard, shardCount);

        var options = spec.Model.ToTransformerOptions(corpus.VocabularySize);
        var shardBatch = (spec.Training.BatchSize + shardCount - 1) / shardCount;
        if ((long)shardBatch * spec.Model.Context * corpus.VocabularySize > EngineOptions.MaxLogits)
        {
            throw new ArgumentException(
                $"training.batch_size: {shardBatch} windows per worker of {spec.Model.Context} tokens over a vocabulary of {corpus.VocabularySize} need more than {EngineOptions.MaxLogits} logits; use more workers, a smaller batch or a shorter context");
        }
        var model = new TransformerLm(options);
        // Initialised on the CPU, then moved: the same seed gives the same replica on every device.
        ParameterVector.Initialize(model, (ulong)spec.Seed);
        model.to(device);
        TransformerLm? reference = null;
        if (referenceParameters is { } parameters)
        {
            reference = new TransformerLm(options);
            if (parameters.Length != ParameterVector.Count(reference))
            {
                throw new ArgumentException(
                    $"reference.run: the reference model has {parameters.Length} parameters, the trained model {ParameterVector.Count(reference)}; both use the spec's model");
            }
            reference.to(device);
            ParameterVector.Write(reference, parameters.Span);
            reference.eval();
        }

        var replica = new LanguageModelReplica(
            model,
            reference,
            EngineOptions.CreateOptimizer(spec, model),
            new LmShardStep(model, reference, train, corpus.DomainCount),
            corpus.Heldout.Slice(heldoutStart, heldoutCount),
            corpus.DomainCount);
        var info = new ShardInfo(
            trainStart,
            trainCount,
            train.Domains,
            corpus.DomainCount,
            corpus.VocabularySize,
            spec.Model.Context,
            corpus.TrainWindowCounts(),
            replica.ParameterCount,
            "",
            corpus.Domains,
            corpus.TrainTokenCounts.ToArray());
        return (replica, info);
    }

    public BatchStatistics Forward(int[] localRows) => step.Forward(localRows);

    public void Backward(double[] groupCoefficients) => step.Backward(groupCoefficients);

    public GroupTally Evaluate(EvaluationSplit split) =>
        heldout.Count == 0
            ? new GroupTally(domainCount)
            : LmEvaluator.Tally(model, heldout, domainCount, EngineOptions.EvaluationBatch(model.Options));

    public void Dispose()
    {
        step.Dispose();
        Optimizer.Dispose();
        model.Dispose();
        reference?.Dispose();
    }
}
