using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.Storage.Tests;

/// <summary>
/// A run over the most groups the data readers accept (65,536), in durable mode on Azurite: before the
/// job model its state row outgrew Azure Table's limit, so the run never completed, retrained by reminder
/// forever and could not be cancelled. Now every row stays small, the run completes and cancel ends it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManyGroupsTests(AzuriteFixture azurite) : IDisposable
{
    private const int Groups = 1 << 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("minimax-many-groups-").FullName;

    [Fact]
    public async Task A_run_over_65536_groups_completes_with_small_state_rows_and_another_is_cancelled()
    {
        WriteSplits();
        await using var silo = await AzureSilo.StartAsync(azurite.Server.ConnectionString, AzureSilo.Endpoints.Fresh(), _directory);

        var report = await silo.RunToEndAsync(SpecYaml(steps: 4), _directory);

        Assert.True(report.Status == "completed", $"run ended {report.Status}: {report.Reason}");
        Assert.Equal(Groups, report.GroupWeights.Count);
        Assert.Equal(Groups, report.TrainGroupCounts.Count);
        Assert.Equal(Groups, report.Test.Groups.Count);
        Assert.Equal(1.0, report.GroupWeights.Sum(), 9);
        var rows = await RowsOfAsync(report.RunId);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.True(Size(row) < 64 * 1024, $"row {row.RowKey} holds {Size(row)} bytes"));

        var long_ = await silo.Client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = SpecYaml(steps: 100_000), SpecDirectory = _directory });
        using var deadline = new CancellationTokenSource(Timeout);
        using var watch = silo.Client.WatchRun(new WatchRunRequest { RunId = long_.RunId }, cancellationToken: deadline.Token);
        Assert.True(await watch.ResponseStream.MoveNext(deadline.Token), "no progress before the end");
        var cancelled = await silo.Client.CancelRunAsync(new CancelRunRequest { RunId = long_.RunId });
        RunReport? final = null;
        await foreach (var update in watch.ResponseStream.ReadAllAsync(deadline.Token))
        {
            final = update.Report ?? final;
        }
        Assert.Equal("cancelled", final?.Status);
        Assert.Contains(cancelled.Status, new[] { "running", "cancelled" });
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static long Size(TableEntity row) => row.Sum(pair => pair.Value switch
    {
        byte[] bytes => bytes.Length,
        string text => Encoding.UTF8.GetByteCount(text),
        _ => 8,
    });

    private async Task<List<TableEntity>> RowsOfAsync(string runId)
    {
        var table = new TableClient(azurite.Server.ConnectionString, "OrleansGrainState");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.Contains(runId, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    private static string SpecYaml(int steps) => $$"""
        name: many-groups
        data: { format: csv, train: train.csv, val: val.csv, test: test.csv, label: y, group: g }
        model: { kind: mlp, hidden: [8] }
        objective: { kind: group_dro, step_size: 0.01 }
        training: { steps: {{steps}}, batch_size: 512, workers: 1, eval_every: 2, checkpoint_every: 2, optimizer: { kind: sgd, lr: 0.1 } }
        """;

    // Every group has one training row (the group id is the row), val and test draw groups at random.
    private void WriteSplits()
    {
        var random = new Random(7);
        Write("train.csv", Enumerable.Range(0, Groups));
        Write("val.csv", Enumerable.Range(0, 512).Select(_ => random.Next(Groups)));
        Write("test.csv", Enumerable.Range(0, 512).Select(_ => random.Next(Groups)));

        void Write(string file, IEnumerable<int> groups)
        {
            var text = new StringBuilder("x1,x2,y,g\n");
            foreach (var g in groups)
            {
                var y = g % 2;
                text.Append(CultureInfo.InvariantCulture, $"{y + random.NextDouble():F4},{random.NextDouble():F4},{y},{g}\n");
            }
            File.WriteAllText(Path.Combine(_directory, file), text.ToString());
        }
    }
}
