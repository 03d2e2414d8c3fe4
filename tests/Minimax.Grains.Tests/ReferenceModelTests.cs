using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>A frozen reference model is a worker input that the run's objective asks for, or refuses.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReferenceModelTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_objective_that_scores_against_a_reference_fails_without_one()
    {
        var corpus = Directory.CreateTempSubdirectory("minimax-corpus-").FullName;
        DomainCorpus.Write(corpus);
        var job = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 3, workers: 1), [], corpus);
        var proxy = MixtureStages.ProxyRun(job, 1, "no-such-run");

        Assert.StartsWith("reference.run: run 'no-such-run' has saved no final model", await FailureAsync(proxy));
        Assert.StartsWith("reference.run: objective doremi scores against a frozen reference model", await FailureAsync(proxy with { Reference = null }));
    }

    [Fact]
    public async Task An_objective_without_a_reference_refuses_one()
    {
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 1, steps: 3);

        var reason = await FailureAsync(spec with { Reference = new ReferenceModelSpec { Run = "some-run" } });

        Assert.StartsWith("reference: objective group_dro uses no reference model", reason);
    }

    private async Task<string> FailureAsync(RunSpec spec)
    {
        var run = fixture.Grains.GetGrain<IRunGrain>($"reference-{Guid.NewGuid():N}");
        await run.SubmitAsync(spec, "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.Equal(JobStatus.Failed, snapshot.Status);
        return snapshot.Reason ?? "";
    }
}
