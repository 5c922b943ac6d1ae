using System.Text.Json;

namespace FunctionsSequence.Infra.Tests;

/// <summary>The compiled ARM template keeps the promises: identities over keys, nothing secret in settings, outputs or URLs.</summary>
public sealed class SecurityTests(CompiledTemplateFixture compiled) : IClassFixture<CompiledTemplateFixture>
{
    private IEnumerable<JsonElement> OfType(string type) =>
        Bicep.Resources(compiled.Template).Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    private JsonElement Single(string type) => Assert.Single(OfType(type));

    private static JsonElement Props(JsonElement resource) => resource.GetProperty("properties");

    [Fact]
    public void Storage_takes_no_shared_keys_https_only_tls12_no_public_blobs()
    {
        JsonElement storage = Props(Single("Microsoft.Storage/storageAccounts"));

        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(storage.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
    }

    [Fact]
    public void Function_app_is_flex_consumption_dotnet_isolated_10_with_a_user_assigned_identity()
    {
        JsonElement plan = Single("Microsoft.Web/serverfarms");
        JsonElement site = Single("Microsoft.Web/sites");
        JsonElement config = Props(site).GetProperty("functionAppConfig");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.True(Props(site).GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", Props(site).GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("UserAssignedIdentity", config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
    }

    [Fact]
    public void App_settings_use_identity_based_storage_and_hold_no_key_or_connection_string()
    {
        string settings = compiled.Template.GetRawText();
        string site = Single("Microsoft.Web/sites").GetRawText();

        foreach (string name in new[] { "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID", "TaskHubName" })
        {
            Assert.Contains(name, settings, StringComparison.Ordinal);
        }

        Assert.Contains("managedidentity", settings, StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("\"AzureWebJobsStorage\"", settings, StringComparison.Ordinal);
        foreach (string forbidden in new[] { "listKeys", "AccountKey", "SharedAccessSignature", "listConnectionStrings", "primaryKey" })
        {
            Assert.DoesNotContain(forbidden, site, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Publishing_credentials_are_off()
    {
        var policies = OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(Props(p).GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void Application_Insights_takes_only_entra_id()
    {
        Assert.True(Props(Single("Microsoft.Insights/components")).GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Single(OfType("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Topics_take_cloudevents_and_no_local_auth()
    {
        JsonElement topic = Single("Microsoft.EventGrid/topics");

        Assert.Equal("CloudEventSchemaV1_0", Props(topic).GetProperty("inputSchema").GetString());
        Assert.True(Props(topic).GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal("SystemAssigned", topic.GetProperty("identity").GetProperty("type").GetString());
    }

    [Fact]
    public void Subscriptions_deliver_cloudevent_batches_to_each_triggers_function_with_no_key_and_dead_letter_through_an_identity()
    {
        JsonElement subscription = Single("Microsoft.EventGrid/topics/eventSubscriptions");
        JsonElement props = Props(subscription);
        JsonElement destination = props.GetProperty("destination").GetProperty("properties");

        Assert.Equal("CloudEventSchemaV1_0", props.GetProperty("eventDeliverySchema").GetString());
        Assert.Equal("AzureFunction", props.GetProperty("destination").GetProperty("endpointType").GetString());
        Assert.Contains("/functions/trigger-", destination.GetProperty("resourceId").GetString(), StringComparison.Ordinal);
        Assert.True(destination.GetProperty("maxEventsPerBatch").GetInt32() > 1);
        Assert.False(destination.TryGetProperty("deliveryAttributeMappings", out _));
        Assert.DoesNotContain("listKeys", subscription.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("StorageBlob", props.GetProperty("deadLetterWithResourceIdentity").GetProperty("deadLetterDestination").GetProperty("endpointType").GetString());
        Assert.Contains("maxDeliveryAttempts", props.GetProperty("retryPolicy").GetProperty("maxDeliveryAttempts").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Subscriptions_wait_for_the_code_behind_a_parameter()
    {
        JsonElement module = Bicep.Resources(compiled.Template)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "eventgrid-subscriptions");

        Assert.Equal("[parameters('deploySubscriptions')]", module.GetProperty("condition").GetString());
        Assert.False(compiled.Template.GetProperty("parameters").GetProperty("deploySubscriptions").GetProperty("defaultValue").GetBoolean());
    }

    [Fact]
    public void Role_assignments_are_least_privilege_built_in_roles_named_by_id()
    {
        string[] allowed =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (the Functions host manages its blobs)
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            "d5a91429-5739-47e2-a06b-3470a27159e7", // EventGrid Data Sender
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (topics, dead-letter container only)
            "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", // Storage Blob Data Reader (the deploying account, for fseq --store)
        ];
        var assignments = OfType("Microsoft.Authorization/roleAssignments").ToList();
        // Every GUID in the template is a role definition id (loops keep them in variables).
        var used = System.Text.RegularExpressions.Regex.Matches(compiled.Template.GetRawText(), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            .Select(m => m.Value).ToHashSet();

        Assert.Equal(allowed.Order(), used.Order());
        Assert.NotEmpty(assignments);
        foreach (JsonElement assignment in assignments)
        {
            Assert.Contains("roleDefinitions", Props(assignment).GetProperty("roleDefinitionId").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("[guid(", assignment.GetProperty("name").GetString(), StringComparison.Ordinal);
            // Identities of the app and its topics, and the deploying account (whose type Azure tells unless it is given).
            Assert.Contains(Props(assignment).GetProperty("principalType").GetString(), (string[])[
                "ServicePrincipal",
                "[if(empty(parameters('publisherPrincipalType')), null(), parameters('publisherPrincipalType'))]",
                "[if(empty(parameters('operatorPrincipalType')), null(), parameters('operatorPrincipalType'))]"]);
        }
    }

    [Fact]
    public void The_deploying_account_azd_names_may_publish_to_each_topic_and_only_that()
    {
        JsonElement publisher = Assert.Single(OfType("Microsoft.Authorization/roleAssignments"), a => Props(a).GetProperty("principalId").GetString() == "[parameters('publisherPrincipalId')]");
        JsonElement module = Bicep.Resources(compiled.Template)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "eventgrid-topics");
        using JsonDocument parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "main.parameters.json")));

        Assert.Equal("[not(empty(parameters('publisherPrincipalId')))]", publisher.GetProperty("condition").GetString());
        Assert.Contains("Microsoft.EventGrid/topics", publisher.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.Contains("eventGridDataSender", Props(publisher).GetProperty("roleDefinitionId").GetString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('principalId')]", Props(module).GetProperty("parameters").GetProperty("publisherPrincipalId").GetProperty("value").GetString());
        Assert.Equal("", compiled.Template.GetProperty("parameters").GetProperty("principalId").GetProperty("defaultValue").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", parameters.RootElement.GetProperty("parameters").GetProperty("principalId").GetProperty("value").GetString());
        // azd signed in as a service principal: a type of User would fail the assignment (UnmatchedPrincipalType).
        Assert.Equal("", compiled.Template.GetProperty("parameters").GetProperty("principalType").GetProperty("defaultValue").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_TYPE}", parameters.RootElement.GetProperty("parameters").GetProperty("principalType").GetProperty("value").GetString());
    }

    [Fact]
    public void The_deploying_account_may_read_the_task_hub_and_import_dead_letters_with_fseq_and_the_outputs_name_them()
    {
        var operators = OfType("Microsoft.Authorization/roleAssignments").Where(a => Props(a).GetProperty("principalId").GetString() == "[parameters('operatorPrincipalId')]").ToList();
        JsonElement module = Bicep.Resources(compiled.Template)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "storage");
        JsonElement outputs = compiled.Template.GetProperty("outputs");

        JsonElement access = Assert.Single(operators);
        Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", access.GetProperty("condition").GetString());
        Assert.Contains("Microsoft.Storage/storageAccounts", access.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.Contains("operatorRoles", Props(access).GetProperty("roleDefinitionId").GetString(), StringComparison.Ordinal);
        Assert.Equal(["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"], // Table Data Contributor, Blob Data Reader
            module.GetProperty("properties").GetProperty("template").GetProperty("variables").GetProperty("operatorRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("[parameters('principalId')]", Props(module).GetProperty("parameters").GetProperty("operatorPrincipalId").GetProperty("value").GetString());
        Assert.Equal("[parameters('principalType')]", Props(module).GetProperty("parameters").GetProperty("operatorPrincipalType").GetProperty("value").GetString());
        Assert.Contains("storage", outputs.GetProperty("AZURE_STORAGE_ACCOUNT_NAME").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('taskHubName')]", outputs.GetProperty("TASK_HUB_NAME").GetProperty("value").GetString());
    }

    [Fact]
    public void Outputs_hold_no_secret()
    {
        foreach (JsonProperty output in compiled.Template.GetProperty("outputs").EnumerateObject())
        {
            string text = output.Value.GetRawText();
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secure", output.Value.GetProperty("type").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConnectionString", text, StringComparison.OrdinalIgnoreCase);
        }

        // azd hands outputs to its hooks as variables: one named AZURE_CLIENT_ID would stand for the deploying principal there.
        Assert.False(compiled.Template.GetProperty("outputs").TryGetProperty("AZURE_CLIENT_ID", out _));
    }
}
