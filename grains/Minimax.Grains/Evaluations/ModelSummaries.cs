using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Specs;
using Minimax.Engine.Evaluation;

namespace Minimax.Grains.Evaluations;

/// <summary>One model's report: accuracy with its Wilson interval overall and per group, the worst group, CounterAnimal's drop and abstentions.</summary>
internal static class ModelSummaries
{
    public static EvaluatedModelRecord Summarize(ModelTally model, EvaluationTable table, CommonCounterSpec? commonCounter, bool languageModel)
    {
        var count = model.Counts.Sum();
        var correct = model.Correct.Sum();
        var groups = Enumerable.Range(0, table.GroupCount)
            .Where(g => model.Counts[g] > 0)
            .Select(g => new EvaluatedGroupRecord(
                table.GroupNames[g],
                model.Counts[g],
                model.Correct[g],
                (double)model.Correct[g] / model.Counts[g],
                Interval(model.Correct[g], model.Counts[g]),
                model.LossSums[g] / model.Counts[g],
                model.Abstentions[g]))
            .ToArray();
        var worst = groups.MinBy(group => group.Accuracy);
        var (pooled, perClass) = commonCounter is null ? (null, []) : CommonCounterOf(model, table, commonCounter);
        var errors = count - correct;
        return new EvaluatedModelRecord(
            model.Name,
            model.Source,
            count,
            correct,
            count > 0 ? (double)correct / count : 0,
            Interval(correct, count),
            worst?.Group ?? "",
            worst?.Accuracy ?? 0,
            groups,
            groups.Length > 0 ? groups.Average(group => group.Accuracy) : 0,
            pooled,
            perClass,
            model.Abstentions.Sum(),
            languageModel && count > 0 ? Math.Exp(model.LossSums.Sum() / count) : 0,
            errors > 0 ? (double)model.AbstainedErrors / errors : 0);
    }

    public static IntervalRecord Interval(long successes, long trials)
    {
        var interval = Wilson.Interval95(successes, trials);
        return new IntervalRecord(interval.Low, interval.High);
    }

    private static (CommonCounterRecord Pooled, IReadOnlyList<CommonCounterRecord> PerClass) CommonCounterOf(
        ModelTally model, EvaluationTable table, CommonCounterSpec spec)
    {
        var roles = new BackgroundRole[table.GroupCount];
        Assign(spec.Common, BackgroundRole.Common, "common_counter.common");
        Assign(spec.Counter, BackgroundRole.Counter, "common_counter.counter");
        var result = CommonCounter.Compute(model.Counts, model.Correct, GroupClasses(table, spec), roles);
        return (Record(result.Pooled), [.. result.PerClass.Select(Record)]);

        void Assign(IReadOnlyList<int> groups, BackgroundRole role, string field)
        {
            foreach (var g in groups)
            {
                if (g < 0 || g >= table.GroupCount)
                {
                    throw new ArgumentException($"{field}: group {g} is not in the data ({table.GroupCount} groups)");
                }
                roles[g] = role;
            }
        }
    }

    /// <summary>Each group's class: the class column's value on its rows, which must agree.</summary>
    private static string[] GroupClasses(EvaluationTable table, CommonCounterSpec spec)
    {
        var classes = new string?[table.GroupCount];
        var rowClasses = table.Classes ?? throw new ArgumentException("common_counter.class: the data have no class column");
        for (var i = 0; i < table.Groups.Length; i++)
        {
            var g = table.Groups[i];
            if (classes[g] is { } seen && seen != rowClasses[i])
            {
                throw new ArgumentException($"common_counter.class: group {table.GroupNames[g]} holds rows of classes '{seen}' and '{rowClasses[i]}'");
            }
            classes[g] = rowClasses[i];
        }
        return [.. classes.Select(value => value ?? "")];
    }

    private static CommonCounterRecord Record(CommonCounterRow row) => new(row.Class, row.Common, row.Counter, row.Drop);
}
