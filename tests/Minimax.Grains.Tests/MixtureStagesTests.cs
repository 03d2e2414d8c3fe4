using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;

namespace Minimax.Grains.Tests;

public sealed class MixtureStagesTests
{
    private static MixtureSpec Job() => new()
    {
        Name = "toy",
        Seed = 17,
        Data = new DataSpec
        {
            Format = DataFormat.TextFolders,
            Train = "/corpus/train",
            Val = "",
            Test = "",
            Label = "",
            Heldout = "/corpus/heldout",
        },
        Model = new ModelSpec { Kind = ModelKind.Transformer, Layers = 3, Heads = 2, Width = 32, Ff = 64, Context = 16 },
        DoReMi = new DoReMiSpec { StepSize = 0.5, Smoothing = 0.01, Rounds = 2 },
        Training = new TrainingSpec
        {
            Workers = 2,
            Steps = 300,
            BatchSize = 8,
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.AdamW, Lr = 0.003, Warmup = 5 },
            SelectBy = SelectBy.Final,
        },
    };

    [Fact]
    public void RunId_is_deterministic_and_names_round_and_stage()
    {
        Assert.Equal("job1-r2-proxy", MixtureStages.RunId("job1", MixtureStages.Proxy, 2));
        Assert.Equal(MixtureStages.RunId("job1", MixtureStages.Reference, 1), MixtureStages.RunId("job1", MixtureStages.Reference, 1));
        Assert.NotEqual(MixtureStages.RunId("job1", MixtureStages.Reference, 1), MixtureStages.RunId("job1", MixtureStages.Reference, 2));
        Assert.NotEqual(MixtureStages.RunId("job1", MixtureStages.Main, 1), MixtureStages.RunId("job1", MixtureStages.Baseline, 1));
    }

    [Fact]
    public void ReferenceRun_trains_erm_on_the_given_mixture()
    {
        var job = Job();
        var weights = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["web"] = 2, ["code"] = 1 });

        var run = MixtureStages.ReferenceRun(job, round: 2, weights);

        Assert.Equal("toy round 2 reference", run.Name);
        Assert.Equal(ObjectiveKind.Erm, run.Objective.Kind);
        Assert.Null(run.Reference);
        Assert.Same(weights, run.Data.Mixture);
        Assert.Equal(job.Data with { Mixture = weights }, run.Data);
        Assert.Equal(job.Seed, run.Seed);
        Assert.Same(job.Model, run.Model);
        Assert.Same(job.Training, run.Training);
    }

    [Fact]
    public void ProxyRun_trains_doremi_against_the_reference_on_a_uniform_mixture()
    {
        var job = Job() with { Data = Job().Data with { Mixture = DomainWeightsSpec.TokenProportional } };

        var run = MixtureStages.ProxyRun(job, round: 1, referenceRunId: "job-r1-reference");

        Assert.Equal("toy round 1 proxy", run.Name);
        Assert.Equal(ObjectiveKind.DoReMi, run.Objective.Kind);
        Assert.Equal(0.5, run.Objective.StepSize);
        Assert.Equal(0.01, run.Objective.Smoothing);
        Assert.Equal("job-r1-reference", run.Reference?.Run);
        Assert.Equal(DomainWeightsKind.Uniform, run.Data.Mixture.Kind);
        Assert.Equal("/corpus/train", run.Data.Train);
        Assert.Equal("/corpus/heldout", run.Data.Heldout);
        Assert.Equal(17, run.Seed);
        Assert.Same(job.Model, run.Model);
        Assert.Same(job.Training, run.Training);
    }

    [Theory]
    [InlineData(MixtureStages.Main)]
    [InlineData(MixtureStages.Baseline)]
    public void ComparisonRun_keeps_seed_model_and_training(string stage)
    {
        var job = Job();
        var weights = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["web"] = 0.7, ["code"] = 0.3 });

        var run = MixtureStages.ComparisonRun(job, stage, weights);

        Assert.Equal($"toy {stage}", run.Name);
        Assert.Equal(ObjectiveKind.Erm, run.Objective.Kind);
        Assert.Same(weights, run.Data.Mixture);
        Assert.Equal(job.Seed, run.Seed);
        Assert.Same(job.Model, run.Model);
        Assert.Same(job.Training, run.Training);
        Assert.Equal(300, run.Training.Steps);
    }

    [Fact]
    public void Named_maps_weights_to_domain_names()
    {
        var named = MixtureStages.Named(["web", "code", "books"], [0.5, 0.2, 0.3]);

        Assert.Equal(DomainWeightsKind.Explicit, named.Kind);
        Assert.Equal(3, named.Weights.Count);
        Assert.Equal(0.5, named.Weights["web"]);
        Assert.Equal(0.2, named.Weights["code"]);
        Assert.Equal(0.3, named.Weights["books"]);
    }

    [Fact]
    public void Named_weights_resolve_back_to_the_same_vector()
    {
        string[] domains = ["web", "code", "books"];
        double[] weights = [0.5, 0.2, 0.3];

        var resolved = MixtureStages.Named(domains, weights).Resolve(domains, [1, 1, 1], "doremi.reference_weights");

        Assert.Equal(weights.Length, resolved.Length);
        for (var d = 0; d < weights.Length; d++)
        {
            Assert.Equal(weights[d], resolved[d], 12);
        }
    }
}
