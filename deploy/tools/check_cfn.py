#!/usr/bin/env python3
"""Validates CloudFormation templates against the CloudFormation resource specification; exits 1 on any problem.

    python3 deploy/tools/check_cfn.py --spec specification.json TEMPLATE...

The spec is the one the pinned npm package @aws-cdk/cfnspec ships (spec/specification.json; .ci/verify-assets.sh
fetches it with npm and checks its integrity). From it each resource type used becomes a JSON Schema (draft 7):
its properties and no others, the required ones, and their types (String, Integer, Boolean, Json, lists, maps,
nested property types, each also allowed as one intrinsic function); jsonschema validates the resources and the
template's other sections against those. Then the references: every Ref, Fn::GetAtt (against the type's
attributes), Fn::Sub variable, condition name and DependsOn must resolve; and each parameter's default must
meet its own constraints.

Needs PyYAML and jsonschema (Debian: python3-yaml, python3-jsonschema). Templates are plain YAML or JSON with
intrinsic functions in their long form (no !Ref tags), like every other YAML file under deploy/.
"""
import argparse
import json
import re
import sys

import jsonschema
import yaml

INTRINSICS = ["Ref", "Condition", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
              "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform", "Fn::If",
              "Fn::Length", "Fn::ToJsonString", "Fn::And", "Fn::Equals", "Fn::Not", "Fn::Or"]
INTRINSIC = {"type": "object", "minProperties": 1, "maxProperties": 1, "propertyNames": {"enum": INTRINSICS}}
PSEUDO_PARAMETERS = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
                     "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}
PARAMETER_TYPES = ["String", "Number", "List<Number>", "CommaDelimitedList"]
RESOURCE_ATTRIBUTES = {"Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy",
                       "Metadata", "CreationPolicy", "UpdatePolicy"}

# CloudFormation converts "60" to 60 and "true" to true, so a string of the right shape is a valid scalar.
PRIMITIVES = {
    "String": {"type": "string"},
    "Integer": {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^-?[0-9]+$"}]},
    "Long": {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^-?[0-9]+$"}]},
    "Double": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}]},
    "Boolean": {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]},
    "Timestamp": {"type": "string"},
    "Json": {"type": ["object", "string"]},
}


class SpecSchemas:
    """JSON Schemas built from the resource specification, one per resource type, sharing property types."""

    def __init__(self, spec):
        self.spec = spec
        self.definitions = {}

    def resource_schema(self, type_name):
        resource = self.spec["ResourceTypes"][type_name]
        properties = self._properties_schema(type_name, resource.get("Properties", {}))
        schema = {
            "type": "object",
            "required": ["Type"] + (["Properties"] if properties.get("required") else []),
            "properties": {
                "Type": {"const": type_name},
                "Properties": properties,
                "DependsOn": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                "Condition": {"type": "string"},
                "DeletionPolicy": {"enum": ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]},
                "UpdateReplacePolicy": {"enum": ["Delete", "Retain", "Snapshot"]},
                "Metadata": {"type": "object"},
                "CreationPolicy": {"type": "object"},
                "UpdatePolicy": {"type": "object"},
            },
            "additionalProperties": False,
        }
        return dict(schema, definitions=self.definitions)

    def _properties_schema(self, owner, properties):
        schema = {"type": "object", "properties": {}, "additionalProperties": False}
        required = sorted(name for name, p in properties.items() if p.get("Required"))
        if required:
            schema["required"] = required
        for name, prop in properties.items():
            schema["properties"][name] = self._value_schema(owner, prop)
        return schema

    def _value_schema(self, owner, prop):
        if "PrimitiveType" in prop:
            return self._or_intrinsic(PRIMITIVES[prop["PrimitiveType"]])
        kind = prop.get("Type")
        if kind in ("List", "Map"):
            if "PrimitiveItemType" in prop:
                item = self._or_intrinsic(PRIMITIVES[prop["PrimitiveItemType"]])
            else:
                item = self._ref(owner, prop["ItemType"])
            container = ({"type": "array", "items": item} if kind == "List"
                         else {"type": "object", "additionalProperties": item})
            return self._or_intrinsic(container)
        if kind:
            return self._ref(owner, kind)
        return {}  # a property the spec leaves untyped

    def _ref(self, owner, type_name):
        resource_type = owner.split(".")[0]
        qualified = type_name if type_name == "Tag" else "%s.%s" % (resource_type, type_name)
        if qualified not in self.definitions:
            self.definitions[qualified] = {}  # placeholder: property types may refer to themselves
            spec_type = self.spec["PropertyTypes"][qualified]
            if "Properties" in spec_type:
                self.definitions[qualified] = self._properties_schema(qualified, spec_type["Properties"])
            else:  # a property type that is itself a primitive or a list
                self.definitions[qualified] = self._value_schema(qualified, spec_type)
        return self._or_intrinsic({"$ref": "#/definitions/%s" % qualified})

    @staticmethod
    def _or_intrinsic(schema):
        return {"anyOf": [schema, INTRINSIC]}


TEMPLATE_SCHEMA = {
    "type": "object",
    "required": ["Resources"],
    "properties": {
        "AWSTemplateFormatVersion": {"const": "2010-09-09"},
        "Description": {"type": "string", "maxLength": 1024},
        "Metadata": {"type": "object"},
        "Transform": {},
        "Parameters": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["Type"], "additionalProperties": False,
            "properties": {
                "Type": {"anyOf": [{"enum": PARAMETER_TYPES}, {"type": "string", "pattern": "^(AWS::|List<AWS::)"}]},
                "Default": {"type": ["string", "number", "boolean", "array"]},
                "AllowedValues": {"type": "array"}, "AllowedPattern": {"type": "string"},
                "ConstraintDescription": {"type": "string"}, "Description": {"type": "string"},
                "MaxLength": {"type": "integer"}, "MinLength": {"type": "integer"},
                "MaxValue": {"type": "number"}, "MinValue": {"type": "number"}, "NoEcho": {"type": "boolean"},
            }}},
        "Mappings": {"type": "object"},
        "Conditions": {"type": "object", "additionalProperties": INTRINSIC},
        "Rules": {"type": "object"},
        "Resources": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "object", "required": ["Type"], "properties": {"Type": {"type": "string"}}}},
        "Outputs": {"type": "object", "maxProperties": 200, "additionalProperties": {
            "type": "object", "required": ["Value"], "additionalProperties": False,
            "properties": {"Value": {}, "Description": {"type": "string"}, "Condition": {"type": "string"},
                           "Export": {"type": "object", "required": ["Name"], "additionalProperties": False,
                                      "properties": {"Name": {}}}}}},
    },
    "additionalProperties": False,
}


def schema_problems(template, schemas):
    problems = ["%s: %s" % (where(e.absolute_path), e.message)
                for e in jsonschema.Draft7Validator(TEMPLATE_SCHEMA).iter_errors(template)]
    if problems:
        return problems
    for name, resource in template["Resources"].items():
        type_name = resource["Type"]
        if type_name.startswith("Custom::") or type_name == "AWS::CloudFormation::CustomResource":
            continue
        if type_name not in schemas.spec["ResourceTypes"]:
            problems.append("Resources.%s: unknown resource type %s" % (name, type_name))
            continue
        validator = jsonschema.Draft7Validator(schemas.resource_schema(type_name))
        for error in sorted(validator.iter_errors(resource), key=lambda e: list(e.absolute_path)):
            problems.append("Resources.%s.%s: %s" % (name, where(error.absolute_path), best_message(error)))
    return problems


def best_message(error):
    """anyOf errors (value or intrinsic) say little; the branch that got furthest says what is wrong."""
    while error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
        if error.validator not in ("anyOf", "oneOf"):
            break
    return "%s (%s)" % (error.message, error.validator) if error.validator else error.message


def where(path):
    return ".".join(str(p) for p in path) or "(template)"


def walk(node, path=()):
    yield node, path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, path + (index,))


def reference_problems(template, spec):
    parameters = set(template.get("Parameters", {}))
    resources = template.get("Resources", {})
    conditions = set(template.get("Conditions", {}))
    problems = []
    for node, path in walk(template):
        if not isinstance(node, dict) or len(node) != 1:
            continue
        (function, argument), = node.items()
        at = where(path)
        if function == "Ref":
            if argument not in parameters and argument not in resources and argument not in PSEUDO_PARAMETERS:
                problems.append("%s: Ref to unknown %r" % (at, argument))
        elif function == "Fn::GetAtt":
            if not (isinstance(argument, list) and len(argument) == 2):
                problems.append("%s: Fn::GetAtt needs [resource, attribute]" % at)
            elif argument[0] not in resources:
                problems.append("%s: Fn::GetAtt of unknown resource %r" % (at, argument[0]))
            else:
                attributes = spec["ResourceTypes"].get(resources[argument[0]]["Type"], {}).get("Attributes", {})
                if argument[1] not in attributes:
                    problems.append("%s: %s has no attribute %r (has %s)"
                                    % (at, resources[argument[0]]["Type"], argument[1], sorted(attributes)))
        elif function == "Fn::Sub":
            text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
            for name in re.findall(r"\$\{([^!}][^}]*)\}", text):
                base = name.split(".")[0]
                if name not in variables and base not in resources and name not in parameters \
                        and name not in PSEUDO_PARAMETERS:
                    problems.append("%s: Fn::Sub variable ${%s} resolves to nothing" % (at, name))
        elif function in ("Fn::If", "Condition"):
            name = argument[0] if function == "Fn::If" else argument
            if name not in conditions:
                problems.append("%s: unknown condition %r" % (at, name))
    for section in ("Resources", "Outputs"):
        for name, entry in template.get(section, {}).items():
            if isinstance(entry, dict) and "Condition" in entry and entry["Condition"] not in conditions:
                problems.append("%s.%s: unknown condition %r" % (section, name, entry["Condition"]))
    for name, resource in resources.items():
        depends = resource.get("DependsOn", [])
        for target in [depends] if isinstance(depends, str) else depends:
            if target not in resources:
                problems.append("Resources.%s.DependsOn: unknown resource %r" % (name, target))
    return problems


def parameter_problems(template):
    """A default must satisfy its own constraints, or the stack fails on create when the parameter is not given."""
    problems = []
    for name, p in template.get("Parameters", {}).items():
        if "Default" not in p:
            continue
        default, at = p["Default"], "Parameters.%s.Default" % name
        if p["Type"] == "Number":
            if not isinstance(default, (int, float)) or isinstance(default, bool):
                problems.append("%s: %r is not a number" % (at, default))
                continue
            if "MinValue" in p and default < p["MinValue"] or "MaxValue" in p and default > p["MaxValue"]:
                problems.append("%s: %r outside %s..%s" % (at, default, p.get("MinValue"), p.get("MaxValue")))
        elif p["Type"] == "String":
            if not isinstance(default, str):
                problems.append("%s: %r is not a string" % (at, default))
                continue
            # CloudFormation applies AllowedPattern to the whole value; an empty default is allowed to mean "none"
            if default and "AllowedPattern" in p and not re.fullmatch(p["AllowedPattern"], default):
                problems.append("%s: %r does not match AllowedPattern %s" % (at, default, p["AllowedPattern"]))
            if not p.get("MinLength", 0) <= len(default) <= p.get("MaxLength", len(default)):
                problems.append("%s: length %d outside MinLength/MaxLength" % (at, len(default)))
        if "AllowedValues" in p and default not in p["AllowedValues"]:
            problems.append("%s: %r not in AllowedValues" % (at, default))
    return problems


def check(path, spec):
    with open(path, encoding="utf-8") as f:
        template = yaml.safe_load(f)
    problems = schema_problems(template, SpecSchemas(spec))
    return problems or reference_problems(template, spec) + parameter_problems(template)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", required=True, help="CloudFormation resource specification (JSON)")
    parser.add_argument("templates", nargs="+")
    args = parser.parse_args()
    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    failed = False
    for path in args.templates:
        problems = check(path, spec)
        for p in problems:
            print("%s: %s" % (path, p))
        if problems:
            failed = True
        else:
            print("%s: valid against resource specification %s" % (path, spec.get("ResourceSpecificationVersion")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
