using System.Globalization;
using System.Text;
using Minimax.Engine.Data;
using Xunit.Abstractions;

namespace Minimax.Engine.Tests.Data;

/// <summary>
/// Peak managed memory of W workers loading their shards of one CSV at once: each parsing the whole file
/// (what workers did before) against one shared parse.
/// </summary>
public sealed class SharedParseMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Four_workers_sharing_one_parse_peak_at_well_under_four_private_parses()
    {
        var options = WriteCsv(rows: 120_000);
        var fileBytes = new FileInfo(options.TrainPath).Length;
        var cache = new ParsedDataCache();
        var privateOne = await Measure(1, () => (TabularDatasetReader.Read(options), null));
        var privateFour = await Measure(4, () => (TabularDatasetReader.Read(options), null));
        var sharedOne = await Measure(1, () => Shared(options, cache));
        var sharedFour = await Measure(4, () => Shared(options, cache));
        foreach (var (name, (peak, allocated)) in new[] { ("private x1", privateOne), ("private x4", privateFour), ("shared x1", sharedOne), ("shared x4", sharedFour) })
        {
            output.WriteLine($"{name}: peak +{peak / 1e6:F1} MB ({(double)peak / fileBytes:F1}x the {fileBytes / 1e6:F1} MB file), allocated {allocated / 1e6:F1} MB");
        }

        Assert.True(sharedFour.Peak < privateFour.Peak / 2, $"4 shared readers peaked at {sharedFour.Peak} bytes, 4 private ones at {privateFour.Peak}");
        Assert.True(sharedFour.Allocated < privateFour.Allocated / 2, $"4 shared readers allocated {sharedFour.Allocated} bytes, 4 private ones {privateFour.Allocated}");
    }

    /// <summary>W workers at once, each loading the dataset and copying out its shard, as a replica does.</summary>
    private static async Task<(long Peak, long Allocated)> Measure(int workers, Func<(TabularDataset Dataset, IDisposable? Hold)> load)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var done = new CancellationTokenSource();
        var peak = 0L;
        var sampler = Task.Factory.StartNew(
            () =>
            {
                while (!done.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                    done.Token.WaitHandle.WaitOne(1);
                }
            },
            TaskCreationOptions.LongRunning);
        using var start = new Barrier(workers);
        var shards = await Task.WhenAll(Enumerable.Range(0, workers).Select(shard => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(60));
                var (dataset, hold) = load();
                using var held = hold;
                var train = dataset.Train;
                var size = train.Count / workers;
                return train.Slice(shard * size, size);
            },
            TaskCreationOptions.LongRunning))).WaitAsync(TimeSpan.FromMinutes(5));
        await done.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        GC.KeepAlive(shards);
        return (Math.Max(peak, GC.GetTotalMemory(false)) - baseline, allocated);
    }

    private TabularDataOptions WriteCsv(int rows)
    {
        var random = new Random(5);
        var text = new StringBuilder("y,a,f0,f1,f2,f3,f4,f5\n");
        for (var row = 0; row < rows; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{random.Next(2)},{random.Next(2)}");
            for (var f = 0; f < 6; f++)
            {
                text.Append(CultureInfo.InvariantCulture, $",{random.NextDouble():R}");
            }

            text.Append('\n');
        }

        var file = directory.Write("train.csv", text.ToString());
        return new TabularDataOptions(DataFileFormat.Csv, file, file, file, "y", null, ["a"], [], Standardize: false);
    }

    private static (TabularDataset, IDisposable?) Shared(TabularDataOptions options, ParsedDataCache cache)
    {
        var lease = TabularDatasetReader.ReadShared(options, cache);
        return (lease.Value, lease);
    }
}
