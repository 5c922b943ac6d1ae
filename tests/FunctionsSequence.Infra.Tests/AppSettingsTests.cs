using System.Text.Json;

namespace FunctionsSequence.Infra.Tests;

/// <summary>
/// Every deployment writes the app's whole list of settings, so the user's own go through the template
/// (its <c>appSettings</c> parameter), where a setting added in the portal would be gone after the next one.
/// </summary>
public sealed class AppSettingsTests(CompiledTemplateFixture compiled) : IClassFixture<CompiledTemplateFixture>
{
    [Fact]
    public void The_users_own_settings_are_a_parameter_written_after_the_templates_own()
    {
        JsonElement parameter = compiled.Template.GetProperty("parameters").GetProperty("appSettings");
        JsonElement module = Bicep.Resources(compiled.Template)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "functionapp");
        string settings = module.GetProperty("properties").GetProperty("parameters").GetProperty("appSettings").GetProperty("value").GetString()!;

        Assert.Equal("object", parameter.GetProperty("type").GetString());
        Assert.Empty(parameter.GetProperty("defaultValue").EnumerateObject());
        Assert.StartsWith("[union(", settings, StringComparison.Ordinal);
        Assert.EndsWith(", parameters('appSettings'))]", settings, StringComparison.Ordinal); // last: the user's value wins
    }
}
