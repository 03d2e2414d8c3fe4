using Minimax.Contracts.Grains.Cluster;
using Orleans.TestingHost;

namespace Minimax.Grains.Tests;

/// <summary>
/// A two-silo cluster of its own: a grain keyed by a silo's address activates on that silo, and the cluster
/// status asks each silo itself.
/// </summary>
public sealed class SiloPinnedPlacementTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) => silo.AddMinimaxGrains());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_silo_activity_grain_answers_from_the_silo_its_key_names()
    {
        var silos = _cluster.Silos.Select(silo => silo.SiloAddress.ToParsableString()).ToArray();

        var answers = await Task.WhenAll(silos.Select(silo => _cluster.Client.GetGrain<ISiloActivityGrain>(silo).GetAsync()));

        Assert.Equal(2, silos.Distinct().Count());
        Assert.Equal(silos, answers.Select(answer => answer.Silo));
        Assert.All(answers, answer => Assert.Equal("all", answer.Role));
    }

    [Fact]
    public async Task A_key_that_names_no_silo_of_the_cluster_fails_instead_of_answering_from_another()
    {
        var gone = SiloAddress.New(_cluster.Silos[0].SiloAddress.Endpoint, _cluster.Silos[0].SiloAddress.Generation + 1).ToParsableString();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => _cluster.Client.GetGrain<ISiloActivityGrain>(gone).GetAsync());
    }

    [Fact]
    public async Task The_cluster_status_lists_both_silos_with_their_own_answers()
    {
        var snapshot = await _cluster.Client.GetGrain<IClusterStatusGrain>(0).GetAsync();

        Assert.Equal(_cluster.Silos.Select(silo => silo.SiloAddress.Endpoint.ToString()).Order(StringComparer.Ordinal), snapshot.Silos.Select(silo => silo.Address));
        Assert.All(snapshot.Silos, silo =>
        {
            Assert.Null(silo.Error);
            Assert.Equal("active", silo.Status);
            Assert.Equal("all", silo.Role);
            Assert.True(silo.Activations > 0);
        });
    }
}
