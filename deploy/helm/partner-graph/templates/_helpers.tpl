{{/*
Only text/template's own functions are used (see the chart's README). Labels are YAML flow mappings on
one line, so they need no indentation helper.
*/}}

{{- define "partner-graph.fullname" -}}
{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride }}{{ else }}{{ .Release.Name }}{{ end -}}
{{- end -}}

{{- define "partner-graph.selectorLabels" -}}
{app.kubernetes.io/name: {{ .Chart.Name }}, app.kubernetes.io/instance: {{ printf "%q" .Release.Name }}}
{{- end -}}

{{- define "partner-graph.labels" -}}
{app.kubernetes.io/name: {{ .Chart.Name }}, app.kubernetes.io/instance: {{ printf "%q" .Release.Name }}, app.kubernetes.io/version: {{ printf "%q" .Chart.AppVersion }}, app.kubernetes.io/managed-by: {{ .Release.Service }}, helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}}
{{- end -}}

{{- define "partner-graph.secretName" -}}
{{- if .Values.cursorSecret.existingSecret }}{{ .Values.cursorSecret.existingSecret }}{{ else }}{{ template "partner-graph.fullname" . }}{{ end -}}
{{- end -}}
