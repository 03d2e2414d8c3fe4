using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>Azurite with its data on disk, restarted while the silo is idle (issue 3, section 3).</summary>
public sealed class AzuriteRestartTests : IDisposable
{
    private readonly TrainingData _data = new();

    [Fact]
    public async Task Azurite_restarted_while_idle_leaves_run_state_intact()
    {
        await using var azurite = await AzuriteServer.StartAsync(onDisk: true);
        var endpoints = AzureSilo.Endpoints.Fresh();
        RunReport report;
        await using (var silo = await AzureSilo.StartAsync(azurite.ConnectionString, endpoints, _data.Directory))
        {
            report = await silo.RunToEndAsync(TrainingData.SpecYaml(steps: 10, workers: 1), _data.Directory);
            Assert.True(report.Status == "completed", $"run ended {report.Status}: {report.Reason}");

            await azurite.RestartAsync();

            Assert.Equal(report, await silo.Client.GetRunAsync(new GetRunRequest { RunId = report.RunId }));
            var after = await silo.RunToEndAsync(TrainingData.SpecYaml(steps: 10, workers: 1), _data.Directory);
            Assert.True(after.Status == "completed", $"run after the restart ended {after.Status}: {after.Reason}");
        }

        // A new silo has nothing in memory: the report can only come from Azurite's files.
        await using var restarted = await AzureSilo.StartAsync(azurite.ConnectionString, endpoints, _data.Directory);
        Assert.Equal(report, await restarted.Client.GetRunAsync(new GetRunRequest { RunId = report.RunId }));
    }

    public void Dispose() => _data.Dispose();
}
