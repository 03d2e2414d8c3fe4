using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Orleans.Serialization;

namespace Minimax.Grains.Tests;

/// <summary>A run whose numbers stop being finite fails with "diverged at step N" and keeps its last finite checkpoint.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DivergenceTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Features_near_the_float_limit_fail_the_run_as_diverged(int workers)
    {
        var data = TestData.WriteSpurious();
        ScaleFeatures(Path.Combine(data, "train.csv"), 3e38);
        var run = fixture.Grains.GetGrain<IRunGrain>($"diverge-data-{Guid.NewGuid():N}");

        await run.SubmitAsync(TestData.Spec(data, ObjectiveKind.GroupDro, workers, steps: 10), "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.StartsWith("diverged at step 1: ", snapshot.Reason);
        Assert.Null(snapshot.Result);
    }

    [Theory]
    [InlineData(ObjectiveKind.GroupDro, 1)]
    [InlineData(ObjectiveKind.Erm, 2)]
    public async Task An_exploding_learning_rate_fails_the_run_and_keeps_the_last_finite_checkpoint(ObjectiveKind objective, int workers)
    {
        var data = TestData.WriteSpurious();
        var spec = TestData.Spec(data, objective, workers, steps: 40);
        spec = spec with
        {
            Training = spec.Training with
            {
                CheckpointEvery = 1,
                Optimizer = spec.Training.Optimizer with { Lr = 1e30, Momentum = 0, WeightDecay = 0 },
            },
        };
        var run = fixture.Grains.GetGrain<IRunGrain>($"diverge-lr-{Guid.NewGuid():N}");

        await run.SubmitAsync(spec, "local");
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.Matches("^diverged at step [0-9]+: ", snapshot.Reason);
        var divergedAt = int.Parse(snapshot.Reason!.Split(' ')[3].TrimEnd(':'), CultureInfo.InvariantCulture);
        Assert.True(divergedAt < 40, snapshot.Reason);
        Assert.All(progress, record => Assert.True(double.IsFinite(record.TrainLoss) && record.GroupWeights.All(double.IsFinite)));
        var checkpointName = await run.GetCheckpointAsync();
        Assert.NotNull(checkpointName);
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var checkpoint = serializer.Deserialize<TrainingCheckpoint>((await fixture.Checkpoints.ReadAsync(checkpointName, CancellationToken.None))!)!;
        Assert.True(checkpoint.Step < divergedAt, $"checkpoint at step {checkpoint.Step}, diverged at {divergedAt}");
        // The replica part: the parameter count, then the parameters as float32, then the optimizer state.
        var replica = (await fixture.Checkpoints.ReadAsync(CheckpointNames.ReplicaOf(checkpointName), CancellationToken.None))!;
        var count = BitConverter.ToInt64(replica, 0);
        var parameters = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(replica.AsSpan(8, checked((int)count * sizeof(float))));
        Assert.True(parameters.ToArray().All(float.IsFinite), "the kept checkpoint holds non-finite parameters");
    }

    /// <summary>Multiplies every feature value (f0..f5) by <paramref name="factor"/>: finite, but far beyond what a float layer can sum.</summary>
    private static void ScaleFeatures(string path, double factor)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            for (var c = 2; c < cells.Length; c++)
            {
                var value = Math.Clamp(double.Parse(cells[c], CultureInfo.InvariantCulture) * factor, -3.4e38, 3.4e38);
                cells[c] = value.ToString("R", CultureInfo.InvariantCulture);
            }
            lines[i] = string.Join(',', cells);
        }
        File.WriteAllLines(path, lines);
    }
}
