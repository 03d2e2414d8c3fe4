using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Text;
using static Minimax.Engine.Tests.Data.SmallTabular;

namespace Minimax.Engine.Tests.Data;

/// <summary>Holders of the same files and options at the same time share one parse; a changed file or a lost right to it is not shared.</summary>
public sealed class ParsedDataCacheTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ParsedDataCache cache = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Concurrent_readers_of_one_dataset_parse_it_once_and_the_last_release_drops_it()
    {
        var options = Options(directory, Train, Holdout, Holdout);
        using var start = new Barrier(4);
        var leases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return TabularDatasetReader.ReadShared(options, cache);
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, cache.Parses);
        Assert.Single(leases.Select(lease => lease.Value).Distinct());
        Assert.Equal([0, 1, 2, 3, 0], leases[0].Value.Train.Groups);
        Assert.Equal(1, cache.Held);
        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        Assert.Equal(0, cache.Held);
        using var again = TabularDatasetReader.ReadShared(options, cache);
        Assert.Equal(2, cache.Parses);
    }

    [Fact]
    public void A_file_rewritten_with_a_new_size_or_a_new_write_time_is_parsed_anew_while_the_old_copy_is_held()
    {
        var options = Options(directory, Train, Holdout, Holdout);
        using var first = TabularDatasetReader.ReadShared(options, cache);

        File.AppendAllText(options.TrainPath, "1,1,6.0,60\n");
        using var longer = TabularDatasetReader.ReadShared(options, cache);
        Assert.Equal(2, cache.Parses);
        Assert.Equal(5, first.Value.Train.Count);
        Assert.Equal(6, longer.Value.Train.Count);

        // Same size, other content: told apart by the write time.
        File.WriteAllText(options.TrainPath, File.ReadAllText(options.TrainPath).Replace("6.0,60", "7.0,70", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(options.TrainPath, File.GetLastWriteTimeUtc(options.TrainPath).AddSeconds(5));
        using var rewritten = TabularDatasetReader.ReadShared(options, cache);
        Assert.Equal(3, cache.Parses);
        Assert.Equal(7f, rewritten.Value.Train.Features[^2]);
    }

    [Fact]
    public void A_reader_whose_roots_exclude_the_file_is_refused_though_another_holds_its_parse()
    {
        var options = Options(directory, Train, Holdout, Holdout);
        using var held = TabularDatasetReader.ReadShared(options, cache);

        var elsewhere = new DataRoots([Directory.CreateTempSubdirectory("minimax-other-root-").FullName]);
        var error = Assert.Throws<DataException>(() => TabularDatasetReader.ReadShared(options with { Roots = elsewhere }, cache));
        Assert.Contains("is outside the data roots", error.Message);
        Assert.Equal(1, cache.Parses);
        Assert.Equal(1, cache.Held);
    }

    [Fact]
    public void A_failed_parse_is_not_kept()
    {
        var options = Options(directory, "y,place,f1\n", Holdout, Holdout);
        Assert.Throws<DataException>(() => TabularDatasetReader.ReadShared(options, cache));
        Assert.Equal(0, cache.Held);

        File.WriteAllText(options.TrainPath, Train);
        using var lease = TabularDatasetReader.ReadShared(options, cache);
        Assert.Equal(2, cache.Parses);
        Assert.Equal(5, lease.Value.Train.Count);
    }

    [Fact]
    public void A_text_corpus_is_tokenised_once_for_concurrent_holders_and_anew_when_a_file_is_added()
    {
        foreach (var domain in new[] { "d1", "d2" })
        {
            Directory.CreateDirectory(Path.Combine(directory.Path, domain));
            directory.Write(Path.Combine(domain, "a.txt"), string.Concat(Enumerable.Repeat($"text of {domain}. ", 40)));
        }

        var options = new TextDataOptions(TextFormat.TextFolders, directory.Path, Context: 8);
        using var first = TextCorpusReader.ReadShared(options, cache);
        using var second = TextCorpusReader.ReadShared(options, cache);
        Assert.Same(first.Value, second.Value);
        Assert.Equal(1, cache.Parses);

        directory.Write(Path.Combine("d2", "b.txt"), "more text of d2, long enough to change the token count.");
        using var third = TextCorpusReader.ReadShared(options, cache);
        Assert.Equal(2, cache.Parses);
        Assert.True(third.Value.TrainTokenCounts[1] > first.Value.TrainTokenCounts[1]);
    }
}
