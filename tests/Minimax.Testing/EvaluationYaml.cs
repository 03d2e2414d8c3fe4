using System.Text;

namespace Minimax.Testing;

/// <summary>An evaluation spec over a spurious-CSV test file that scores one run as many models (m0, m1, ...), for lifecycle tests.</summary>
public static class EvaluationYaml
{
    public static string OfRun(string runId, string testFile, int models)
    {
        var yaml = new StringBuilder($$"""
            kind: evaluation
            name: lifecycle
            data: { format: csv, test: {{testFile}}, label: y, groups_by: [a] }
            models:

            """);
        for (var m = 0; m < models; m++)
        {
            yaml.Append("  - { name: m").Append(m).Append(", run: ").Append(runId).Append(" }\n");
        }
        return yaml.ToString();
    }
}
