using Azure.Data.Tables;
using Minimax.Contracts.Api;
using Minimax.Grains.Checkpoints;

namespace Minimax.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageSiloTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TrainingData _data = new();

    [Fact]
    public async Task A_completed_run_is_read_back_from_Azure_Table_by_a_restarted_silo()
    {
        var endpoints = AzureSilo.Endpoints.Fresh();
        RunReport report;
        await using (var silo = await AzureSilo.StartAsync(azurite.Server.ConnectionString, endpoints, _data.Directory))
        {
            Assert.IsType<BlobCheckpointStore>(silo.Services.GetService(typeof(ICheckpointStore)));
            report = await silo.RunToEndAsync(TrainingData.SpecYaml(), _data.Directory);
            Assert.True(report.Status == "completed", $"run ended {report.Status}: {report.Reason}");
            Assert.Equal(20, report.Steps);
        }

        // The state row is Orleans binary (the "Data" column), not JSON with type names ("StringData").
        var table = new TableClient(azurite.Server.ConnectionString, "OrleansGrainState");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.Contains(report.RunId, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.False(row.ContainsKey("StringData"), $"row {row.PartitionKey}/{row.RowKey} is JSON"));
        Assert.Contains(rows, row => row.ContainsKey("Data"));

        await using (var restarted = await AzureSilo.StartAsync(azurite.Server.ConnectionString, endpoints, _data.Directory))
        {
            var again = await restarted.Client.GetRunAsync(new GetRunRequest { RunId = report.RunId });
            Assert.Equal(report, again);
            var list = await restarted.Client.ListRunsAsync(new ListRunsRequest());
            Assert.Contains(list.Runs, run => run.RunId == report.RunId && run.Status == "completed");
        }
    }

    public void Dispose() => _data.Dispose();
}
