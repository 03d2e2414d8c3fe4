using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Grains.Checkpoints;
using Minimax.Testing;
using Azure.Storage.Blobs;

namespace Minimax.Benchmarks;

/// <summary>
/// Checkpoint size and the time to write, read and restore it, for the foundation MLP. A short run on an
/// in-process silo writes a real checkpoint (training.checkpoint_every); the bytes of its replica part
/// (parameters and optimizer state) are then written and read back repeatedly through LocalCheckpointStore
/// and BlobCheckpointStore (Azurite), and restored (IWorkerGrain.RestoreAsync streaming the part from the
/// silo's store into an initialized worker). Ratio: write time divided by the run's median training step.
/// </summary>
public static class CheckpointBenchmark
{
    public static async Task RunAsync(int repeats, int trainSteps, BenchmarkThreads threads, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        var checkpointEvery = Math.Max(1, trainSteps - 10);
        await using var azurite = await AzuriteServer.StartAsync();
        await using var silo = await InProcessSilo.StartAsync(directory, azureConnectionString: null, threads.SiloSetting);
        var stores = new (string Name, ICheckpointStore Store)[]
        {
            ("local", new LocalCheckpointStore(Path.Combine(directory, "bench-store"))),
            ("blob", new BlobCheckpointStore(new BlobServiceClient(azurite.ConnectionString))),
        };

        output.WriteLine($"{MlpShape.Foundation.Describe()}; checkpoint at step {checkpointEvery} of {trainSteps}; {repeats} repeats after one warm-up, medians");
        Rounds.WriteMachine(output, threads);
        output.WriteLine($"{"optimizer",-10} {"store",-6} {"bytes",10} {"step ms",8} {"write ms",9} {"read ms",8} {"restore ms",11} {"write/step",11}");
        foreach (var (optimizerName, optimizer) in new[] { ("sgd+mom", BenchmarkSpecs.SgdMomentum), ("adamw", BenchmarkSpecs.AdamW) })
        {
            var spec = BenchmarkSpecs.Mlp(directory, trainSteps, optimizer, checkpointEvery, evalEvery: trainSteps);
            var snapshot = await silo.RunToEndAsync(spec);
            var stepSeconds = snapshot.Result!.MedianStepSeconds;
            var name = await silo.Grains.GetGrain<IRunGrain>(snapshot.RunId).GetCheckpointAsync()
                ?? throw new InvalidOperationException("the run recorded no checkpoint");
            var bytes = await silo.Checkpoints.ReadAsync(CheckpointNames.ReplicaOf(name), CancellationToken.None)
                ?? throw new InvalidOperationException($"checkpoint {name} is missing");

            var worker = silo.Grains.GetGrain<IWorkerGrain>($"bench-restore-{Guid.NewGuid():N}/g1/0");
            await worker.InitializeAsync(spec, "local", 0, 1);

            var samples = stores.ToDictionary(s => s.Name, _ => (Write: new List<double>(), Read: new List<double>(), Restore: new List<double>()));
            var target = $"bench/{optimizerName.Replace('+', '-')}/step-{checkpointEvery:D9}";
            for (var repeat = 0; repeat < repeats + 1; repeat++)
            {
                // Interleaved; the first repeat warms up each path (container creation, JIT) and is dropped.
                foreach (var (storeName, store) in stores)
                {
                    var clock = Stopwatch.StartNew();
                    await store.WriteAsync(target, bytes, CancellationToken.None);
                    var write = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    var read = await store.ReadAsync(target, CancellationToken.None) ?? throw new InvalidOperationException("written checkpoint not found");
                    var readSeconds = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    await worker.RestoreAsync(CheckpointNames.ReplicaOf(name));
                    var restore = clock.Elapsed.TotalSeconds;
                    if (read.Length != bytes.Length)
                    {
                        throw new InvalidOperationException($"{storeName} read {read.Length} bytes, wrote {bytes.Length}");
                    }
                    if (repeat > 0)
                    {
                        samples[storeName].Write.Add(write);
                        samples[storeName].Read.Add(readSeconds);
                        samples[storeName].Restore.Add(restore);
                    }
                }
            }
            await worker.ReleaseAsync();

            foreach (var (storeName, (write, read, restore)) in samples)
            {
                var writeMedian = Stats.Median(write);
                output.WriteLine($"{optimizerName,-10} {storeName,-6} {bytes.Length,10} {stepSeconds * 1000,8:F3} {writeMedian * 1000,9:F3} " +
                    $"{Stats.Median(read) * 1000,8:F3} {Stats.Median(restore) * 1000,11:F3} {writeMedian / stepSeconds,11:F2}");
            }
        }
    }
}
