using Minimax.Contracts.Specs;
using Minimax.Engine.Files;
using Minimax.Silo.Hosting;
using Minimax.Silo.Services;
using Minimax.Silo.Services.Jobs;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// The cost of validating a 1 MiB spec at submit (issue 9, item 5), measured in bytes allocated on the
/// validating thread: unlike time, that does not depend on what else the machine runs. Parsing the
/// YAML and collecting its garbage is most of the cost. Read four times over (for the kind, then by the
/// kind's reader, each read walking the text twice) these specs allocated 137 to 241 bytes per byte of
/// spec and took up to 1.2 s of CPU; parsed once, 46 to 87 (the most for the CSV headers of 70k columns).
/// </summary>
public sealed class SpecValidationCostTests : IDisposable
{
    private const int BudgetPerSpecByte = 120;

    private readonly string _directory = Directory.CreateTempSubdirectory("minimax-wide-specs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_1_MiB_spec_of_each_shape_validates_within_its_allocation_budget()
    {
        var roots = new DataRoots([_directory]);
        // 70k features need more than the default worker memory; that check, the last, is not what is measured.
        var limits = new RunLimits { MaxWorkerMemoryBytes = long.MaxValue };
        foreach (var spec in WideSpecs.Write(_directory))
        {
            var submission = new SpecSubmission(spec.Yaml, [], _directory);
            var before = GC.GetAllocatedBytesForCurrentThread();

            var parsed = SubmitValidation.Parse(submission, limits);
            var names = SubmitValidation.KindOf(parsed) switch
            {
                SpecKind.DoReMi => SubmitValidation.ValidateMixture(parsed, limits, roots).DoReMi.ReferenceWeights.Weights.Count,
                SpecKind.Evaluation => SubmitValidation.ValidateEvaluation(parsed, roots).Data.Features.Count,
                _ => SubmitValidation.Validate(parsed, limits, roots) is var run && run.Data.Features.Count > 0
                    ? run.Data.Features.Count
                    : run.Data.Mixture.Weights.Count,
            };

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(spec.Names, names);
            var budget = (long)BudgetPerSpecByte * spec.Yaml.Length;
            Assert.True(allocated <= budget, $"{spec.Name}: {allocated / (1 << 20)} MiB allocated, over the budget of {budget / (1 << 20)} MiB");
        }
    }
}
