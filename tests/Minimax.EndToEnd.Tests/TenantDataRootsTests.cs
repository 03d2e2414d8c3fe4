using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Issue 9 item 3 on a silo laid out like the zero-setup default (the checkpoint store inside the shared data
/// root), with a root of alpha's own: beta can read neither alpha's root nor alpha's checkpoints, and no
/// answer names alpha's runs or shows their bytes.
/// </summary>
public sealed class TenantDataRootsTests : IAsyncLifetime
{
    private readonly string _shared = Directory.CreateTempSubdirectory("minimax-shared-").FullName;
    private readonly string _alphaOwn = Directory.CreateTempSubdirectory("minimax-alpha-").FullName;
    private EmbeddedCluster? _silo;
    private GrpcChannel? _channel;

    public async Task InitializeAsync()
    {
        SpuriousCsv.WriteSplits(_shared, trainRows: 300, evaluationRows: 100, seed: 2);
        SpuriousCsv.WriteSplits(_alphaOwn, trainRows: 300, evaluationRows: 100, seed: 3);
        _silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthMode = AuthMode.Keys,
            AuthKeys =
            [
                new TenantKey("alpha", ApiKeyAuthenticator.HashKey(SecuredSiloFixture.KeyOf("alpha"))) { DataRoots = [_alphaOwn] },
                new TenantKey("beta", ApiKeyAuthenticator.HashKey(SecuredSiloFixture.KeyOf("beta"))),
            ],
            DataRoots = [_shared],
            CheckpointsPath = Path.Combine(_shared, ".minimax", "checkpoints"),
        }, CancellationToken.None);
        _channel = GrpcChannel.ForAddress(_silo.Address);
    }

    [Fact]
    public async Task Beta_can_read_neither_alphas_own_root_nor_alphas_checkpoints()
    {
        var alpha = JobsFor("alpha");
        var beta = JobsFor("beta");
        var run = await alpha.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml("erm", steps: 3, workers: 1), SpecDirectory = _alphaOwn });
        await WaitForCompletionAsync(alpha, run.JobId);
        var finalModel = Path.Combine(_shared, ".minimax", "checkpoints", run.JobId, "final-model");
        Assert.True(File.Exists(finalModel), $"alpha's run left no final model at {finalModel}");

        var ownRoot = await RefusedAsync(beta, SiloFixture.SpecYaml("erm", steps: 3, workers: 1), _alphaOwn);
        Assert.Equal("data.train: " + Path.Combine(_alphaOwn, "train.csv") + " is outside the data roots", ownRoot.Status.Detail);

        var corpus = await RefusedAsync(beta, TextSpec(".minimax/checkpoints"), _shared);
        Assert.StartsWith("data.train: ", corpus.Status.Detail);
        Assert.EndsWith("is outside the data roots", corpus.Status.Detail);
        Assert.DoesNotContain(run.JobId, corpus.Status.Detail);

        var model = await RefusedAsync(beta, SiloFixture.SpecYaml("erm", steps: 3, workers: 1), _shared, $"data.train=.minimax/checkpoints/{run.JobId}/final-model");
        Assert.Equal($"data.train: {Path.Combine(_shared, ".minimax", "checkpoints", run.JobId, "final-model")} is outside the data roots", model.Status.Detail);
    }

    [Fact]
    public async Task A_model_file_inside_the_roots_read_as_a_csv_shows_no_raw_bytes()
    {
        var bytes = new byte[8192];
        new Random(9).NextBytes(bytes);
        bytes[30] = (byte)'\n';
        var file = Path.Combine(_shared, $"model-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, bytes);

        var error = await RefusedAsync(JobsFor("beta"), SiloFixture.SpecYaml("erm", steps: 3, workers: 1), _shared, $"data.train={file}");

        Assert.Contains("no such column; the file has '", error.Status.Detail);
        Assert.True(error.Status.Detail.All(ch => ch is >= ' ' and <= '~'), $"the answer holds unprintable characters: {error.Status.Detail}");
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        Directory.Delete(_shared, recursive: true);
        Directory.Delete(_alphaOwn, recursive: true);
    }

    private Jobs.JobsClient JobsFor(string tenant) =>
        new(_channel!.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {SecuredSiloFixture.KeyOf(tenant)}");
            return metadata;
        }));

    private static string TextSpec(string train) => $$"""
        name: corpus
        data: { format: text_folders, train: {{train}} }
        model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 32 }
        training: { workers: 1, steps: 2, batch_size: 4, optimizer: { kind: adamw, lr: 0.003 } }
        """;

    private static async Task<RpcException> RefusedAsync(Jobs.JobsClient client, string yaml, string directory, params string[] overrides)
    {
        var request = new SubmitJobRequest { SpecYaml = yaml, SpecDirectory = directory };
        request.Overrides.Add(overrides);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitJobAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error;
    }

    private static async Task WaitForCompletionAsync(Jobs.JobsClient client, string jobId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var call = client.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: deadline.Token);
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            if (item.EventCase == JobEvent.EventOneofCase.Report)
            {
                Assert.Equal("completed", item.Report.Status);
                return;
            }
        }
        throw new InvalidOperationException($"the watch of {jobId} ended without a final report");
    }
}
