package dev.opsdeck.backend.security.docs;

/**
 * A small viewer for {@code /openapi.json}: one self-contained page (no CDN, so it works offline and under a strict
 * CSP) that lists every operation with its access and rate category.
 */
public final class ApiDocsPage {
    private ApiDocsPage() {
    }

    public static final String HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>OpsDeck API</title>
            <style>
              body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}
              table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left}
              code{font-size:.95em}.m{font-weight:600;text-transform:uppercase}.admin{color:#cf222e}.worker{color:#9a6700}
            </style></head>
            <body><h1>OpsDeck coordinator API</h1><p id="info"></p>
            <table><thead><tr><th>method</th><th>path</th><th>access</th><th>rate category</th><th>summary</th></tr></thead>
            <tbody id="ops"></tbody></table>
            <script>
            fetch('openapi.json',{headers:{'Accept':'application/json'}}).then(r=>r.json()).then(doc=>{
              document.getElementById('info').textContent=doc.info.title+' '+doc.info.version+' - '+doc.info.description;
              const body=document.getElementById('ops');
              for(const [path,item] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(item)){
                const tr=document.createElement('tr');
                for(const [text,cls] of [[method,'m'],[path,''],[op['x-opsdeck-access'],op['x-opsdeck-access']],[op['x-rate-category'],''],[op.summary,'']]){
                  const td=document.createElement('td');td.textContent=text;if(cls)td.className=cls;tr.appendChild(td);}
                body.appendChild(tr);}}
            }).catch(e=>{document.getElementById('info').textContent='could not load openapi.json: '+e;});
            </script></body></html>
            """;
}
