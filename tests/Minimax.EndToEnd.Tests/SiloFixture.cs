using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo;

namespace Minimax.EndToEnd.Tests;

/// <summary>The real silo (Orleans + gRPC on a free loopback port) and a generated dataset, shared by the tests.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;
    private GrpcChannel? _channel;

    public Uri Address => _cluster!.Address;

    public Runs.RunsClient Client { get; private set; } = null!;

    public GrpcChannel Channel => _channel!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("minimax-e2e-").FullName;

    public async Task InitializeAsync()
    {
        var generate = await Cli.RunAsync(
            ["data", "synth-spurious", "--out", DataDirectory, "--seed", "7", "--train", "600", "--val", "200", "--test", "200", "--noise-dims", "10"],
            TimeSpan.FromMinutes(1));
        Assert.True(generate.ExitCode == 0, generate.StandardError);
        _cluster = await EmbeddedCluster.StartAsync(CancellationToken.None);
        _channel = GrpcChannel.ForAddress(_cluster.Address);
        Client = new Runs.RunsClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Writes a small spec next to the data and returns its path.</summary>
    public string WriteSpec(string objective = "group_dro", int steps = 30, int workers = 2)
    {
        var path = Path.Combine(DataDirectory, $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, SpecYaml(objective, steps, workers));
        return path;
    }

    public static string SpecYaml(string objective = "group_dro", int steps = 30, int workers = 2) => $"""
        name: e2e-{objective}
        seed: 1
        data:
          format: csv
          train: train.csv
          val: val.csv
          test: test.csv
          label: y
          groups_by: [a]
        model: {"{"} kind: mlp, hidden: [32] {"}"}
        objective:
          kind: {objective}
          step_size: 0.1
        training:
          workers: {workers}
          steps: {steps}
          batch_size: 64
          optimizer: {"{"} kind: sgd, lr: 0.05, momentum: 0.9, weight_decay: 0.0001 {"}"}
          eval_every: 10
        """;
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
