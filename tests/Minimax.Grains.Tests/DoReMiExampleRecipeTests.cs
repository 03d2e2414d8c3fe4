using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>examples/doremi trains every stage with the reference scripts' recipe (ALGORITHMS.md 2d).</summary>
public sealed class DoReMiExampleRecipeTests
{
    [Fact]
    public void Every_stage_of_the_example_clips_decays_exponentially_and_spares_biases_and_norms()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "examples", "doremi");
        var job = MixtureSpecReader.Read(File.ReadAllText(Path.Combine(folder, "doremi.yaml")), [], folder);

        RunSpec[] stages =
        [
            MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform),
            MixtureStages.ProxyRun(job, 1, "reference"),
            MixtureStages.ComparisonRun(job, MixtureStages.Main, DomainWeightsSpec.Uniform),
        ];
        Assert.All(stages, stage =>
        {
            Assert.Equal(1.0, stage.Training.MaxGradNorm);
            Assert.Equal(new LrScheduleSpec { Kind = LrScheduleKind.Exponential, FinalFraction = 0.1 }, stage.Training.LrSchedule);
            Assert.Equal((0.9, 0.99), (stage.Training.Optimizer.Beta1, stage.Training.Optimizer.Beta2));
            Assert.True(stage.Training.Optimizer.Warmup > 0);
            Assert.True(stage.Training.Optimizer.SparesBiasesAndNorms(stage.Model.Kind));
        });
    }
}
