using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Models;
using Minimax.Engine.Training;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Placement;
using Minimax.Grains.Runtime;
using Minimax.Grains.Telemetry;
using Minimax.Grains.Tenants;
using Minimax.Grains.Training.Exchange;
using Minimax.Grains.Training.Objectives;
using Minimax.Grains.Training.Replicas;
using Orleans.Serialization;
using TorchSharp;
using Minimax.Grains.Cluster;
using Minimax.Grains.Drain;

namespace Minimax.Grains.Training;

/// <summary>A model replica and optimizer over one shard of train, val and test. Holds no durable state.</summary>
[ShardSpreadPlacement]
[SiloRolePlacement(SiloRole.WorkerName)]
public sealed class WorkerGrain(
    ILocalSiloDetails silo,
    ICheckpointStore checkpoints,
    Serializer serializer,
    TenantDataRoots dataRoots,
    ParsedDataCache parsedData,
    WorkerThreadBudget threads,
    LocalTraining localTraining) : Grain, IWorkerGrain
{
    // A peer that sends nothing for this long is lost; Orleans' own response timeout is 30 s as well.
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(30);

    private Worker? _worker;

    public async Task<ShardInfo> InitializeAsync(RunSpec spec, string tenant, int shard, int shardCount)
    {
        await DisposeReplicaAsync();
        var objective = ObjectiveRegistry.For(spec.Objective.Kind);
        var reference = await ReplicaFactory.ReadReferenceAsync(checkpoints, serializer, spec, objective);
        // Asked at every (re)initialisation, after a silo loss too: the roots are the configuration's now.
        var roots = dataRoots.For(tenant);
        var thread = new TensorThread($"worker {this.GetPrimaryKeyString()}");
        try
        {
            var (replica, info) = await thread.RunAsync(() => ReplicaFactory.Create(spec, new ReplicaData(roots, parsedData), shard, shardCount, reference, objective));
            var exchange = shardCount == 1
                ? null
                : new GradientExchange(shard, shardCount, info.ParameterCount, new WorkerGrainPeers(GrainFactory, this.GetPrimaryKeyString()), PeerTimeout);
            var (key, run) = (this.GetPrimaryKeyString(), WorkerKeys.RunOf(this.GetPrimaryKeyString()));
            _worker = new Worker(thread, replica, spec.Training.MaxGradNorm, objective.ExtraStatistics, exchange, exchange is null ? [] : new float[info.ParameterCount], threads.Join(),
                run, shard, localTraining.WorkerStarted(key, run));
            return info with { Silo = silo.SiloAddress.Endpoint.ToString() };
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    public Task<GroupLossStatistics> ForwardAsync(int[] localRows)
    {
        var worker = Ready();
        var span = Phase(worker, "forward");
        return MinimaxTracing.EndWith(span, RunAsync(worker, _ => StatisticsWire.Pack(worker.Replica.Forward(localRows), worker.Statistics)));
    }

    public async Task<StepOutcome> BackwardAndStepAsync(double[] groupCoefficients, int step, double learningRate)
    {
        var worker = Ready();
        if (worker.Exchange is not { } exchange)
        {
            // One replica: its own gradient is the sum, so it never leaves the tensor thread. Its two phases are
            // traced afterwards from their times, so the untraced step does not leave the thread in between.
            var started = Stopwatch.GetTimestamp();
            long backwardDone = 0;
            var outcome = await RunAsync(worker, threads =>
            {
                worker.Replica.Backward(groupCoefficients);
                backwardDone = Stopwatch.GetTimestamp();
                return new StepOutcome(OptimizerStep(worker, learningRate), 0, 0, threads);
            });
            MinimaxTracing.RecordPhase("backward", worker.RunId, worker.Shard, started, backwardDone);
            MinimaxTracing.RecordPhase("optimizer", worker.RunId, worker.Shard, backwardDone, Stopwatch.GetTimestamp());
            return outcome;
        }
        var phase = Phase(worker, "backward");
        var gradient = await RunAsync(worker, _ =>
        {
            worker.Replica.Backward(groupCoefficients);
            ParameterVector.ReadGradients(worker.Replica.Model, worker.Gradient);
            return worker.Gradient;
        });
        phase?.Dispose();
        phase = Phase(worker, "gradient_exchange");
        var clock = Stopwatch.StartNew();
        var sent = await exchange.AllReduceAsync(step, gradient);
        var exchangeSeconds = clock.Elapsed.TotalSeconds;
        phase?.Dispose();
        using var optimizer = Phase(worker, "optimizer");
        return await RunAsync(worker, threads =>
        {
            ParameterVector.WriteGradients(worker.Replica.Model, gradient);
            return new StepOutcome(OptimizerStep(worker, learningRate), exchangeSeconds, sent, threads);
        });
    }

    public Task ReduceSliceAsync(GradientSlice slice)
    {
        ExchangeOf(Ready()).AcceptContribution(slice);
        return Task.CompletedTask;
    }

    public Task GatherSliceAsync(GradientSlice slice)
    {
        ExchangeOf(Ready()).AcceptSum(slice);
        return Task.CompletedTask;
    }

    public Task<GroupTallyRecord> EvaluateAsync(EvaluationSplit split)
    {
        var worker = Ready();
        return RunAsync(worker, _ =>
        {
            var tally = worker.Replica.Evaluate(split);
            return new GroupTallyRecord(tally.Counts, tally.Correct, tally.LossSums);
        });
    }

    public Task<FlatTensor> GetParametersAsync()
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
            FlatTensor.Create(worker.Replica.ParameterCount, values => ParameterVector.Read(worker.Replica.Model, values)));
    }

    public Task LoadParametersAsync(FlatTensor parameters)
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() => ParameterVector.Write(worker.Replica.Model, parameters.Span));
    }

    public async Task<bool> SaveAsync(string checkpoint)
    {
        var worker = Ready();
        // Only finite parameters become a checkpoint, so the last one a diverged run leaves is finite.
        if (!await worker.Thread.RunAsync(() => ParameterVector.ParametersFinite(worker.Replica.Model)))
        {
            return false;
        }
        // The tensor thread writes straight into the store's stream, parameter by parameter.
        await checkpoints.WriteAsync(checkpoint, stream => worker.Thread.RunAsync(() =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write((long)worker.Replica.ParameterCount);
            writer.Flush();
            ParameterVector.Save(worker.Replica.Model, stream);
            worker.Replica.Optimizer.save_state_dict(writer);
            writer.Flush();
        }), CancellationToken.None);
        return true;
    }

    public async Task RestoreAsync(string checkpoint)
    {
        var worker = Ready();
        await using var stream = await checkpoints.OpenReadAsync(checkpoint, CancellationToken.None)
            ?? throw new InvalidOperationException($"checkpoint {checkpoint} is missing from the checkpoint store");
        await worker.Thread.RunAsync(() =>
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            var count = reader.ReadInt64();
            if (count != worker.Replica.ParameterCount)
            {
                throw new InvalidOperationException($"checkpoint {checkpoint} holds {count} parameters, the replica {worker.Replica.ParameterCount}");
            }
            ParameterVector.Load(worker.Replica.Model, stream);
            worker.Replica.Optimizer.load_state_dict(reader);
        });
    }

    public async Task ReleaseAsync()
    {
        await DisposeReplicaAsync();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => DisposeReplicaAsync();

    private static Activity? Phase(Worker worker, string phase) =>
        MinimaxTracing.StartPhase(phase, worker.RunId)?.SetTag(MinimaxTracing.ShardTag, worker.Shard);

    private Worker Ready() =>
        _worker ?? throw new ReplicaMissingException($"worker {this.GetPrimaryKeyString()} is not initialised (its activation was lost)");

    private async Task DisposeReplicaAsync()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.Thread.RunAsync(worker.Replica.Dispose);
            worker.Thread.Dispose();
            worker.ThreadShare.Dispose();
            worker.Presence.Dispose();
        }
    }

    /// <summary>Runs tensor work on the worker's thread with the silo's current share of its cores.</summary>
    private Task<T> RunAsync<T>(Worker worker, Func<int, T> work) => worker.Thread.RunAsync(() =>
    {
        var share = threads.Threads;
        IntraOpThreads.Use(share);
        return work(share);
    });

    /// <summary>
    /// Phase 4 on the summed gradient, clipped to the spec's max_grad_norm: every replica holds the same summed
    /// bytes, so every replica clips and steps alike. False, and no step, when the gradient is not finite.
    /// </summary>
    private static bool OptimizerStep(Worker worker, double learningRate)
    {
        if (!ParameterVector.GradientsFinite(worker.Replica.Model))
        {
            return false;
        }
        if (worker.MaxGradNorm is { } maxGradNorm)
        {
            GradientClipping.ClipTotalNorm(worker.Replica.Model, maxGradNorm);
        }
        LearningRate.Apply(worker.Replica.Optimizer, learningRate);
        using (torch.no_grad())
        {
            worker.Replica.Optimizer.step();
        }
        return true;
    }

    private GradientExchange ExchangeOf(Worker worker) =>
        worker.Exchange ?? throw new InvalidOperationException($"worker {this.GetPrimaryKeyString()} is the run's only worker and exchanges no gradients");

    // The gradient buffer is reused every step: the exchange copies what it sends.
    private sealed record Worker(
        TensorThread Thread,
        IReplica Replica,
        double? MaxGradNorm,
        IReadOnlyList<string> Statistics,
        GradientExchange? Exchange,
        float[] Gradient,
        IDisposable ThreadShare,
        string RunId,
        int Shard,
        IDisposable Presence);
}
